import type { Category, Priority, Status } from "../contract/tickets.js";

/** Plausible demo tickets: per-category templates whose {slots} are filled from shared vocabularies. */

type Random = () => number;
type Weighted<T extends string> = Record<T, number>;

const CATEGORY_WEIGHTS: Weighted<Category> = {
  technical: 40,
  billing: 25,
  account: 22,
  general: 13,
};
const PRIORITY_WEIGHTS: Weighted<Priority> = {
  low: 25,
  medium: 45,
  high: 22,
  critical: 8,
};
// Older tickets have mostly been dealt with; the recent ones are the backlog.
const STATUS_BY_AGE: [maxDays: number, weights: Weighted<Status>][] = [
  [3, { open: 55, in_progress: 30, resolved: 12, closed: 3 }],
  [30, { open: 20, in_progress: 20, resolved: 30, closed: 30 }],
  [Infinity, { open: 4, in_progress: 3, resolved: 23, closed: 70 }],
];

// Data tables stay one entry per line, which Prettier would explode into hundreds of lines.
// prettier-ignore
const VOCABULARY: Record<string, string[]> = {
  product: ["the mobile app", "the Android app", "the iOS app", "the web dashboard", "the REST API", "the webhook delivery", "the CSV export", "the Slack integration", "the reporting module", "the search page", "the file uploader", "the notification service", "the calendar sync", "the admin console"],
  action: ["saving a draft", "uploading a PDF", "opening a report", "exporting to CSV", "switching workspaces", "adding a comment", "assigning a ticket", "filtering by date", "attaching a screenshot", "printing an invoice", "editing a template", "merging two contacts"],
  platform: ["Chrome on Windows 11", "Safari on macOS", "Firefox on Ubuntu", "Edge on Windows 10", "an iPhone 14", "an iPad Air", "a Pixel 8", "a Samsung Galaxy S23", "a Chromebook", "our Citrix desktops"],
  when: ["yesterday's update", "this morning", "last week", "the 4.2 release", "the maintenance window on Sunday", "we moved to the new plan", "Monday"],
  noticed: ["this morning", "two days ago", "last week", "after yesterday's update", "after the 4.2 release", "right after our team grew", "when we switched browsers"],
  code: ["500", "502", "503", "504", "429", "403", "401", "413"],
  plan: ["Starter plan", "Pro plan", "Business plan", "annual plan", "monthly plan", "Enterprise plan"],
  month: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  billingThing: ["the billing address", "the card on file", "the invoice recipient", "our VAT number", "the currency", "the number of seats", "the billing cycle"],
  reason: ["an accidental upgrade", "seats we never used", "a duplicate charge", "the outage last week", "a cancelled subscription"],
  device: ["my new phone", "an Android tablet", "my work laptop", "a hardware key", "the authenticator app"],
  role: ["an admin", "an agent", "a viewer", "a billing contact", "a contractor"],
  event: ["the password change", "enabling two-factor login", "our domain migration", "the SSO switch", "the last update"],
  feature: ["dark mode", "bulk editing", "custom fields", "saved filters", "an audit log", "keyboard shortcuts", "scheduled reports", "a Kubernetes operator"],
  topic: ["data retention", "GDPR requests", "the public roadmap", "uptime guarantees", "data residency in the EU", "training for new staff"],
  team: ["the support team", "your onboarding team", "the engineer who helped us", "the billing team"],
  name: ["Anna", "Ben", "Chloé", "David", "Emre", "Fatima", "Giulia", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Olivier", "Priya", "Quentin", "Rosa", "Sven", "Yuki"],
  count: ["two", "three", "five", "a dozen", "about twenty", "all forty"],
};

// prettier-ignore
const TEMPLATES: Record<Category, [title: string, problem: string][]> = {
  technical: [
    ["{Product} crashes when {action}", "Every time I try {action}, {product} closes without any message."],
    ["{Product} is very slow since {when}", "Since {when}, {product} takes more than ten seconds for every page."],
    ["Error {code} when {action}", "I get an error {code} from {product} when {action}. Retrying does not help."],
    ["{Product} does not load on {platform}", "On {platform}, {product} stays on the loading spinner forever."],
    ["Blank page in {product} since {when}", "Since {when}, {product} shows a blank page right after login."],
    ["Timeouts in {product} while {action}", "We keep getting timeouts from {product} while {action}, mostly in the afternoon."],
    ["{Product} loses changes when {action}", "Changes disappear from {product} when {action}; we had to redo our work twice."],
  ],
  billing: [
    ["Charged twice for the {plan}", "Our card was charged twice for the {plan} in {month}."],
    ["Invoice for {month} shows the wrong amount", "The invoice for {month} does not match the price of the {plan}."],
    ["Refund request: {reason}", "We would like a refund because of {reason}."],
    ["How do I change {billingThing}?", "I cannot find where to change {billingThing} in the billing settings."],
    ["Card declined when upgrading to the {plan}", "The upgrade to the {plan} fails with 'card declined', but the bank sees no attempt."],
    ["VAT missing on the {month} invoice", "The {month} invoice has no VAT line, which our accountant needs."],
    ["Upgrade to the {plan} not reflected", "We paid for the {plan} but the account still shows the old limits."],
  ],
  account: [
    ["Cannot log in after {event}", "Since {event} my password is refused, even right after a reset."],
    ["Password reset email never arrives", "I requested a password reset three times; nothing arrived, not even in spam."],
    ["Two-factor codes rejected on {device}", "The two-factor codes from {device} are always rejected as expired."],
    ["Please delete my account", "I no longer use the service; please delete my account and my data."],
    ["Invitation for {role} has expired", "We invited {role} but the invitation link says it has expired."],
    ["Locked out after {event}", "After {event} I was locked out and the unlock link does not work."],
    ["Change the owner of our workspace", "Our workspace owner left the company; we need to move ownership to {role}."],
  ],
  general: [
    ["Feature request: {feature}", "It would help us a lot to have {feature}."],
    ["Question about {topic}", "Could you tell us more about {topic}? Our legal team is asking."],
    ["Feedback on {product}", "Some feedback on {product}: it works well, but {action} takes too many clicks."],
    ["Thanks to {team}", "Just a note to say thanks to {team}, the help last week was excellent."],
    ["Is {feature} on the roadmap?", "Is {feature} planned? We are deciding whether to renew."],
    ["Where can I read about {topic}?", "I could not find anything about {topic} in the documentation."],
  ],
};

// prettier-ignore
const CONTEXT = ["We first noticed it {noticed}.", "This happens on {platform}.", "{Count} colleagues are affected.", "Our account is on the {plan}.", "", ""];
// prettier-ignore
const IMPACT: Record<Priority, string[]> = {
  low: ["No rush.", "Whenever you have time.", "Just letting you know."],
  medium: ["Could you look into it this week?", "It is annoying but we can work around it."],
  high: ["This is slowing our team down a lot.", "Please look at this soon, customers are noticing."],
  critical: ["This blocks our whole team right now.", "Urgent: we cannot work at all.", "Production is down for us."],
};
// prettier-ignore
const CLOSING = ["Thanks, {name}", "Best regards, {name}", "Cheers, {name}", "{name}", "Kind regards, {name} (IT)"];

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

function pickWeighted<T extends string>(
  random: Random,
  weights: Weighted<T>,
): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
  return entries.at(-1)![0];
}

/** Replaces each {slot} (or {Slot}, capitalised) with one word per ticket, so title and text agree. */
function filler(random: Random) {
  const chosen = new Map<string, string>();
  return (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      const key = slot[0]!.toLowerCase() + slot.slice(1);
      if (!chosen.has(key)) chosen.set(key, pick(random, VOCABULARY[key]!));
      const word = chosen.get(key)!;
      return slot === key ? word : word[0]!.toUpperCase() + word.slice(1);
    });
}

const DAY_MS = 86_400_000;

/**
 * Ages skew recent (a growing customer base), over less than a year before `now`; `filed` (0 to 1)
 * is the share of all tickets filed before this one.
 */
function ageMs(filed: number): number {
  return (1 - Math.sqrt(filed)) * 364 * DAY_MS;
}

export function demoTicket(
  now: Date,
  random: Random = Math.random,
  filed = random(),
) {
  const category = pickWeighted(random, CATEGORY_WEIGHTS);
  const priority = pickWeighted(random, PRIORITY_WEIGHTS);
  const age = ageMs(filed);
  const status = pickWeighted(
    random,
    STATUS_BY_AGE.find(([maxDays]) => age < maxDays * DAY_MS)![1],
  );
  const fill = filler(random);
  const [title, problem] = pick(random, TEMPLATES[category]);
  const description = [
    problem,
    pick(random, CONTEXT),
    pick(random, IMPACT[priority]),
  ]
    .filter(Boolean)
    .map(fill)
    .join(" ");
  const createdAt = now.getTime() - age;
  const handledFor =
    status === "open" ? 0 : random() * Math.min(age, 10 * DAY_MS);
  return {
    title: fill(title),
    description: `${description}\n\n${fill(pick(random, CLOSING))}`,
    category,
    priority,
    status,
    created_at: new Date(createdAt).toISOString(),
    updated_at: new Date(createdAt + handledFor).toISOString(),
  };
}

export type DemoTicket = ReturnType<typeof demoTicket>;
