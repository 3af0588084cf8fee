/**
 * A real IMAP server for the inbound tests: Debian's Dovecot (`apt-get install dovecot-imapd`),
 * started from this helper on a free loopback port, unprivileged (as `nobody` when the tests run as
 * root), with its own folder, a password file and one mailbox user. `.ci/run` installs it; a test
 * that needs it fails, never skips, when it is missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chownSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./node-process.js";

const USER = "desk";
const PASSWORD = "dovecot-test-password";

function config(dir: string, port: number, user: string, group: string) {
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_login_user = ${user}
default_internal_user = ${user}
default_internal_group = ${group}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${user} gid=${group} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  chroot =
}
`;
}

export async function startDovecot() {
  if (spawnSync("dovecot", ["--version"]).status !== 0)
    throw new Error(
      "Dovecot is not installed: apt-get install dovecot-imapd (the inbound mail tests need a real IMAP server)",
    );
  const dir = mkdtempSync(join(tmpdir(), "ticketdesk-dovecot-"));
  for (const sub of ["run", "state", "home"]) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, "passwd"), `${USER}:{PLAIN}${PASSWORD}\n`);
  const root = process.getuid?.() === 0;
  const user = root ? "nobody" : userInfo().username;
  const group = root
    ? "nogroup"
    : spawnSync("id", ["-gn"]).stdout.toString().trim();
  if (root) chownTree(dir, 65534, 65534);
  const port = await freePort();
  const file = join(dir, "dovecot.conf");
  writeFileSync(file, config(dir, port, user, group));
  if (root) chownSync(file, 65534, 65534);
  let child: ChildProcess | undefined;

  async function up(): Promise<void> {
    const command = ["dovecot", "-F", "-c", file];
    child = root
      ? spawn(
          "setpriv",
          ["--reuid=nobody", "--regid=nogroup", "--clear-groups", ...command],
          { stdio: "ignore" },
        )
      : spawn(command[0]!, command.slice(1), { stdio: "ignore" });
    // A test process that dies (a timeout, Ctrl+C) must not leave its Dovecot behind.
    const started = child;
    process.once("exit", () => started.kill("SIGTERM"));
    await waitForPort(port, 10_000);
  }

  async function down(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  }

  await up();
  const url = `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/INBOX`;
  return {
    url,
    /** Appends raw messages to INBOX, as a mail server delivering them would. */
    async append(...messages: (string | Buffer)[]): Promise<void> {
      const client = new ImapFlow({
        host: "127.0.0.1",
        port,
        secure: false,
        auth: { user: USER, pass: PASSWORD },
        logger: false,
      });
      await client.connect();
      try {
        for (const raw of messages) await client.append("INBOX", raw);
      } finally {
        await client.logout();
      }
    },
    async stop(): Promise<void> {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Dovecot = Awaited<ReturnType<typeof startDovecot>>;

function chownTree(dir: string, uid: number, gid: number) {
  spawnSync("chown", ["-R", `${uid}:${gid}`, dir]);
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot did not listen on ${port} within ${ms} ms`);
}
