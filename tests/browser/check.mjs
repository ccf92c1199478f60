// Opens slant's HTML pages in Debian's Chromium (through playwright-core)
// and checks what a reader relies on: one highlight per hit of the JSON
// output, a hit's message shown on hover and on keyboard focus, linked
// sentence pairs, no script from an article run, no console error. Saves
// a screenshot of each page for review.
//
// Usage: node check.mjs DIR, where DIR/pages.json lists the pages that
// run.sh rendered: [{name, html, json?, hostile?, message?}].

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const dir = resolve(process.argv[2] ?? "target/browser");
const pages = JSON.parse(readFileSync(join(dir, "pages.json"), "utf8"));
let failures = 0;
let passed = 0;

function check(ok, name, what) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}: ${what}`);
  } else {
    failures += 1;
    console.log(`FAIL ${name}: ${what}`);
  }
}

// Hits in a page's JSON: a comparison's two sides (`--format json`), or a
// run of reports (`--format json`, one array).
function jsonHits(path) {
  const value = JSON.parse(readFileSync(path, "utf8"));
  if (Array.isArray(value)) return value.reduce((n, r) => n + r.hits.length, 0);
  return value.left.hits.length + value.right.hits.length;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // Root on a machine with a closed network: no sandbox, no background
  // connections.
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

for (const spec of pages) {
  const name = spec.name;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  // Nothing may leave the page: it is self-contained.
  const requests = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) requests.push(r.url());
  });
  await page.goto("file://" + join(dir, spec.html));
  await page.waitForLoadState("load");

  const marks = await page.locator("mark.hit").count();
  if (spec.json) {
    const expected = jsonHits(join(dir, spec.json));
    check(marks === expected, name, `${marks} highlighted hits, ${expected} in the JSON`);
  }
  await page.screenshot({ path: join(dir, `${name}.png`) });

  if (marks > 0) {
    // Hover: the panel shows the hit's rule and its message.
    const first = page.locator("mark.hit").first();
    const rule = await first.getAttribute("data-rule");
    const message = await page.evaluate(
      (id) => [...document.querySelectorAll("tr[data-rule]")].find((r) => r.dataset.rule === id)?.querySelector(".msg")?.textContent ?? "",
      rule,
    );
    await first.scrollIntoViewIfNeeded();
    await first.hover();
    const tip = page.locator("#tip");
    await tip.waitFor({ state: "visible", timeout: 2000 }).catch(() => {});
    const shown = (await tip.isVisible()) ? await tip.innerText() : "";
    check(message.length > 0 && shown.includes(message) && shown.includes(rule), name, `hovering ${rule} shows "${message}"`);
    await page.screenshot({ path: join(dir, `${name}-hover.png`) });
    await page.mouse.move(0, 0);
    await page.keyboard.press("Escape");

    // Keyboard: Tab reaches a hit, and focus shows its message.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    let focused = null;
    for (let i = 0; i < 200 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.matches("mark.hit") ? el.dataset.rule : null;
      });
    }
    const focusText = (await tip.isVisible()) ? await tip.innerText() : "";
    const focusMessage = await page.evaluate(
      (id) => [...document.querySelectorAll("tr[data-rule]")].find((r) => r.dataset.rule === id)?.querySelector(".msg")?.textContent ?? "",
      focused,
    );
    check(focused !== null && focusText.includes(focusMessage), name, `Tab reaches a hit (${focused}) and focus shows its message`);
  }

  // Linked pairs: hovering a sentence marks its partner.
  const paired = page.locator(".side.left .s.paired");
  if ((await paired.count()) > 0) {
    await paired.first().scrollIntoViewIfNeeded();
    await paired.first().hover();
    const linked = await page.locator(".side.right .s.linked").count();
    check(linked > 0, name, "hovering a left sentence marks its right partner");
    await page.mouse.move(0, 0);
  }

  if (spec.message) {
    // The hostile pack's message is shown as text, exactly.
    const hit = page.locator('mark.hit[data-rule="hostile.rushed"]').first();
    await hit.scrollIntoViewIfNeeded();
    await hit.hover();
    const text = await page.locator("#tip").innerText();
    check(text.includes(spec.message), name, "a rule message with markup is shown as text");
    await page.screenshot({ path: join(dir, `${name}-hover.png`) });
  }

  if (spec.hostile) {
    // Click every link of the article text, then look for any trace of a
    // script from the article.
    for (const a of await page.locator(".text a").all()) {
      await a.click().catch(() => {});
    }
    const trace = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      scripts: document.scripts.length,
      foreign: document.querySelectorAll(".text img, .text iframe, .text script, .text style, .text svg, [onerror], [onload], [onfocus], [onmouseover], a[href^='javascript']").length,
      literal: document.body.textContent.includes('<script>window.__pwned = "textarea"</script>'),
    }));
    check(trace.pwned === null, name, `no script from the article ran (window.__pwned: ${trace.pwned})`);
    check(trace.scripts === 1 && trace.foreign === 0, name, `only the page's own script, no element from the article (${trace.scripts} scripts, ${trace.foreign} foreign)`);
    check(trace.literal, name, "the article's markup is shown as text");
  }

  check(requests.length === 0, name, `no request leaves the page (${requests.join(", ")})`);
  check(errors.length === 0, name, `no console errors${errors.length ? ": " + errors.join(" | ") : ""}`);
  await context.close();
}

await browser.close();
console.log(`browser: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
