import { ConfigProvider } from 'antd';
// The ES module locale: 'antd/locale/zh_CN' resolves to the CommonJS build and its dependencies.
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../api/client';
import { Feedback } from './Feedback';
import { AppRoutes } from './routes';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers are final; retry only network trouble and 5xx/503.
        retry: (failures, err) => failures < 2 && !(err instanceof ApiError && err.status < 500),
        refetchOnWindowFocus: true,
        staleTime: 10_000,
      },
    },
  });
}

/** The app's one query client (main.tsx prefetches into it). */
export const queryClient = createQueryClient();

export function Providers({ children, client = queryClient }: { children: React.ReactNode; client?: QueryClient }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c' } }} button={{ autoInsertSpace: false }}>
      <Feedback>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </Feedback>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
