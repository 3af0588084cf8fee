import { PRIORITIES, type Priority } from "../../contract/tickets.js";
import type { Scenario } from "./scenario.js";
import { slots } from "./slots.js";

export type Rng = () => number;

/** mulberry32: a tiny seeded generator, so the data files are reproducible byte for byte. */
export function seeded(seed: number): Rng {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, list: readonly T[]): T =>
  list[Math.floor(rng() * list.length)]!;

const greetings = [
  "Hi,",
  "Hello,",
  "Hello team,",
  "Hi there,",
  "Dear Support Team,",
  "Dear Sir or Madam,",
  "Good morning,",
  "Hey,",
  "To whom it may concern,",
  "Hi support,",
];
const intros = [
  "I am writing to report a problem.",
  "I hope you can help me with the following.",
  "I'm reaching out because of an issue on our side.",
  "We have a problem and need your help.",
  "Sorry to bother you again.",
  "I am contacting you regarding an issue I have encountered.",
  "I hope this message finds you well.",
  "I would like to bring the following matter to your attention.",
  "My name is {name} and I am a customer of yours.",
  "I am writing on behalf of {company}.",
  "Following up on my call earlier today:",
];
const context = [
  "I'm using {browser}.",
  "I'm on my {device}.",
  "I already tried logging out and back in.",
  "I cleared the cache and restarted, same result.",
  "Our company is {company}.",
  "Reference: {order}.",
  "Screenshot attached.",
  "This happened {day} for the first time.",
  "I'm the {role} of our workspace.",
  "Please let me know if you need any further information.",
  "I would appreciate your assistance in resolving this matter.",
  "I have attached the relevant details for your reference.",
  "Could you please look into this at your earliest convenience?",
  "We have been your customer for {n} years.",
  "Please advise on the next steps.",
];
const closings = [
  "Thanks,",
  "Thank you!",
  "Thanks in advance.",
  "Best regards,\n{name}",
  "Kind regards,\n{name}\n{company}",
  "Cheers, {name}",
  "Regards, {name}",
  "Sent from my iPhone",
  "Looking forward to your reply.",
  "Many thanks, {name}",
  "Thank you for your prompt attention to this matter.",
  "Sincerely,\n{name}",
  "Best,\n{name}\n{role}, {company}",
  "Thank you for your time and support.",
];
const urgent = [
  "This is urgent!",
  "Please help ASAP.",
  "We have a deadline tomorrow.",
  "Our whole team is blocked by this.",
  "This is costing us money every hour.",
  "Please treat this as a priority.",
  "URGENT - please respond today.",
];
const calm = [
  "No rush.",
  "Whenever you have time.",
  "Not urgent, just curious.",
  "Low priority for us.",
  "It's not a big deal but wanted to let you know.",
];
const mixers = [
  "Also, ",
  "One more thing: ",
  "Unrelated, but ",
  "While I have you: ",
  "PS: ",
];
const genericTitles = [
  "Help",
  "Problem",
  "Issue",
  "Support request",
  "Question",
  "Urgent",
  "Please help",
  "Need assistance",
  "Ticket",
];

export function fill(rng: Rng, text: string): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    pick(rng, slots[name]!),
  );
}

const shift = (p: Priority, by: number): Priority =>
  PRIORITIES[
    Math.max(0, Math.min(PRIORITIES.length - 1, PRIORITIES.indexOf(p) + by))
  ]!;

/** Misspells about one word in `rate`: a swapped, dropped or doubled letter, as people type. */
function typos(rng: Rng, text: string, rate: number): string {
  return text.replace(/[A-Za-z]{4,}/g, (word) => {
    if (rng() >= rate) return word;
    const i = 1 + Math.floor(rng() * (word.length - 2));
    const kind = rng();
    if (kind < 0.4)
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (kind < 0.7) return word.slice(0, i) + word.slice(i + 1);
    return word.slice(0, i) + word[i] + word.slice(i);
  });
}

export type Row = {
  title: string;
  description: string;
  category: string;
  priority: Priority;
};

/** One ticket from a scenario: its own phrasing, some context, maybe urgency, a second topic, typos. */
export function compose(
  rng: Rng,
  s: Scenario,
  bodies: string[],
  titles: string[],
  other: () => string,
): Row {
  let priority = s.severity;
  const parts: string[] = [];
  const short = rng() < 0.18;
  if (!short && rng() < 0.55) parts.push(pick(rng, greetings));
  if (!short && rng() < 0.2) parts.push(pick(rng, intros));
  const body = pick(rng, bodies);
  parts.push(body);
  const second = pick(rng, bodies);
  if (!short && second !== body && rng() < 0.25) parts.push(second);
  if (!short && rng() < 0.4) parts.push(pick(rng, context));
  const mood = rng();
  if (mood < 0.18 && priority !== "critical") {
    parts.push(pick(rng, urgent));
    priority = shift(
      priority,
      s.category === "general" && priority === "medium" ? 0 : 1,
    );
  } else if (mood > 0.88 && (priority === "medium" || priority === "high")) {
    parts.push(pick(rng, calm));
    priority = shift(priority, -1);
  }
  if (rng() < 0.12) parts.push(pick(rng, mixers) + lowerFirst(other()));
  if (!short && rng() < 0.5) parts.push(pick(rng, closings));
  // Annotators disagree on the edges: a few labels sit one step away, as in any real desk.
  if (rng() < 0.04) priority = shift(priority, rng() < 0.5 ? -1 : 1);

  let description = fill(rng, parts.join(rng() < 0.7 ? " " : "\n"));
  let title = fill(
    rng,
    rng() < 0.08 ? pick(rng, genericTitles) : pick(rng, titles),
  );
  if (rng() < 0.25) description = typos(rng, description, 0.05);
  if (rng() < 0.12)
    [title, description] = [title.toLowerCase(), description.toLowerCase()];
  if (rng() < 0.06) description = description.replace(/[.,!?']/g, "");
  if (rng() < 0.04) title = title.toUpperCase();
  return { title, description, category: s.category, priority };
}

const lowerFirst = (text: string) => text[0]!.toLowerCase() + text.slice(1);
