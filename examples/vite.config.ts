import { defineConfig } from 'vite';

const page = (name: string) => new URL(`./${name}.html`, import.meta.url).pathname;

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  resolve: { conditions: ['source'] },
  esbuild: { jsx: 'automatic' },
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    target: 'es2022',
    rollupOptions: { input: { index: page('index'), agent: page('agent'), customer: page('customer'), 'customer-react': page('customer-react'), 'back-office': page('back-office'), partner: page('partner') } },
  },
});
