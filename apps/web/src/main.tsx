import { createRoot } from 'react-dom/client';
import { App, queryClient } from './app/App';
import { prefetchHome } from './home/HomePage';
import { authStore } from './identity/auth-store';

// Opening the home page signed in: its requests start now, all at once, before the first render (issue #13).
const token = authStore.token();
if (token && window.location.pathname === '/') prefetchHome(queryClient, token);

createRoot(document.getElementById('root')!).render(<App />);
