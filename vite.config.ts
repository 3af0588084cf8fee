import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/ and is built into dist/web, which the server serves at /.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "../dist/web", emptyOutDir: true },
  server: { proxy: { "/api": "http://localhost:8000" } },
});
