// Opens the API reference page in headless chromium and reports what a reader sees.
//
//   node scripts/browse_api_reference.mjs <page.html> <screenshot folder>
//
// Redoc shows one tag per view (`#/<tag>`), each listing its operations as `#/<tag>/<id>`
// links. This visits every tag of the sidebar, collects the operation ids and titles shown,
// saves screenshots of the overview and of one operation, and prints one JSON object:
// {"tags": {tag: [{id, text}]}, "errors": [...], "screenshots": [...]}.
// The browser is Debian's chromium (CHROMIUM overrides the path), with a fresh profile and
// no background networking: the page must work from the file system alone.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import puppeteer from "puppeteer-core";

const [pagePath, shotDir] = process.argv.slice(2);
if (!pagePath || !shotDir) {
  throw new Error("usage: node scripts/browse_api_reference.mjs <page.html> <screenshot folder>");
}
const profile = mkdtempSync(join(tmpdir(), "scaleout-chromium-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  userDataDir: profile,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const errors = [];
const screenshots = [];
const tags = {};
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.setViewport({ width: 1400, height: 1000 });
  const url = pathToFileURL(resolve(pagePath)).href;
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector('a[href="/"]', { timeout: 30000 });
  screenshots.push(join(shotDir, "overview.png"));
  await page.screenshot({ path: screenshots.at(-1) });

  const tagNames = await page.$$eval("a[href^='/']", (links) =>
    links.map((link) => link.getAttribute("href").slice(1)).filter((name) => name !== ""),
  );
  for (const tag of tagNames) {
    await page.goto(`${url}#/${tag}`, { waitUntil: "load" });
    const prefix = `#/${tag}/`;
    await page.waitForSelector(`a[href^="${prefix}"]`, { timeout: 30000 });
    tags[tag] = await page.$$eval(
      `a[href^="${prefix}"]`,
      (links, start) =>
        links
          .map((link) => ({ href: link.getAttribute("href"), text: link.textContent.trim() }))
          .filter(({ href, text }) => text !== "" && !href.slice(start.length).includes("#"))
          .map(({ href, text }) => ({ id: href.slice(start.length), text })),
      prefix,
    );
  }
  const first = Object.entries(tags).find(([tag]) => tag === "models") ?? Object.entries(tags)[0];
  if (first) {
    await page.goto(`${url}#/${first[0]}/${first[1][0]?.id ?? ""}`, { waitUntil: "load" });
    await new Promise((done) => setTimeout(done, 1000));
    screenshots.push(join(shotDir, `${first[0]}.png`));
    await page.screenshot({ path: screenshots.at(-1) });
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify({ tags, errors, screenshots }));
