// React access to the product context the app was opened with.
import { createContext, useContext, type ReactNode } from 'react';
import type { AppContext } from './context';

const Ctx = createContext<AppContext | null>(null);

export function AppContextProvider({ value, children }: { value: AppContext; children: ReactNode }): JSX.Element {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppContext(): AppContext {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAppContext outside AppContextProvider');
  return v;
}
