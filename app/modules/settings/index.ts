// Settings: what each shop chose (when to ask, how often, send window, reminders, sender), with defaults.
export {
  getSettings,
  updateSettings,
  SettingsInput,
  DEFAULT_SETTINGS,
  REQUEST_TRIGGERS,
  EMAIL_LOCALES,
  type ShopSettings,
  type RequestTrigger,
  type EmailLocale,
  type UpdateSettingsResult,
} from "./settings.server";
