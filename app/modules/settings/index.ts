// Settings: what each shop chose (when to ask, how often, send window, reminders, sender), with defaults.
export {
  getSettings,
  updateSettings,
  DEFAULT_SETTINGS,
  type ShopSettings,
  type RequestTrigger,
  type EmailLocale,
} from "./settings.server";
