import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } }>;
};

describe("the Node.js versions we claim", () => {
  it("engines allows only versions every production dependency supports", () => {
    const unsupported = Object.entries(lock.packages).flatMap(
      ([path, { dev, engines }]) =>
        path &&
        !dev &&
        engines?.node &&
        !semver.subset(pkg.engines.node, engines.node)
          ? [`${path.replace(/^node_modules\//, "")} wants ${engines.node}`]
          : [],
    );
    expect(unsupported).toEqual([]);
  });

  it("builds and runs the image on a Node.js LTS that engines allows", () => {
    const images = [
      ...readFileSync("Dockerfile", "utf8").matchAll(/^FROM\s+(\S+)/gm),
    ].map((match) => match[1]);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      const major = /^node:(\d+)-slim$/.exec(image ?? "")?.[1];
      expect(major, image).toBeDefined();
      expect(Number(major) % 2, "an even (LTS) major").toBe(0);
      expect(semver.satisfies(`${major}.99.0`, pkg.engines.node), image).toBe(
        true,
      );
    }
  });
});
