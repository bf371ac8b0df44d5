// "Saved", "Request cancelled": short confirmations after an action. Inside Shopify they are App Bridge
// toasts (drawn by the admin around the iframe); in demo mode, where App Bridge cannot load, Polaris toasts
// inside the demo frame.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Toast } from "@shopify/polaris";

type ShowToast = (message: string, options?: { error?: boolean }) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

interface AppBridgeWindow {
  shopify?: { toast?: { show(message: string, options?: { isError?: boolean }): void } };
}

export function AdminToastProvider({ embedded, children }: { embedded: boolean; children: ReactNode }) {
  const [toast, setToast] = useState<{ message: string; error: boolean; key: number } | null>(null);
  const show = useCallback<ShowToast>(
    (message, options) => {
      const appBridge = typeof window === "undefined" ? undefined : (window as unknown as AppBridgeWindow).shopify;
      if (embedded && appBridge?.toast) {
        appBridge.toast.show(message, { isError: options?.error ?? false });
        return;
      }
      setToast({ message, error: options?.error ?? false, key: Date.now() });
    },
    [embedded],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      {toast ? (
        <Toast key={toast.key} content={toast.message} error={toast.error} onDismiss={() => setToast(null)} />
      ) : null}
    </ToastContext.Provider>
  );
}

export function useAdminToast(): ShowToast {
  return useContext(ToastContext);
}
