// Copy the browser builds of our npm dependencies into battlemap/core/static/vendor/ (git-ignored).
// Run by `npm run vendor` after `npm ci`; nothing is loaded from the internet at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "battlemap", "core", "static", "vendor");
const files = {
  "cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
  "dagre/dist/dagre.min.js": "dagre.min.js",
  "cytoscape-dagre/cytoscape-dagre.js": "cytoscape-dagre.js",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
};
mkdirSync(target, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", from), join(target, to));
  console.log(`vendor: ${to}`);
}
