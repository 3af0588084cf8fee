import { and, eq, gte, isNotNull, isNull, sql } from "drizzle-orm";
import type { ClassifyResponse } from "../../contract/classify.js";
import {
  CATEGORIES,
  PRIORITIES,
  type Category,
  type Priority,
} from "../../contract/tickets.js";
import type { Db } from "../db/client.js";
import { tickets, triageSuggestions } from "../db/schema.js";
import { quality } from "./metrics.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type SuggestionsRepo = ReturnType<typeof suggestionsRepo>;

export function suggestionsRepo(db: Db) {
  return {
    /** Records a suggestion shown to `userId`; its id goes back with the answer. */
    async record(answer: ClassifyResponse, userId: number): Promise<number> {
      const [row] = await db
        .insert(triageSuggestions)
        .values({
          userId,
          source: answer.source,
          category: answer.suggested_category,
          priority: answer.suggested_priority,
          categoryConfidence: answer.confidence.category,
          priorityConfidence: answer.confidence.priority,
        })
        .returning({ id: triageSuggestions.id });
      return row!.id;
    },

    /** The per-field quality of the suggestions that became tickets in the last `days` days. */
    async quality(days: number, threshold: number) {
      const rows = await db
        .select({
          category: triageSuggestions.category,
          priority: triageSuggestions.priority,
          categoryConfidence: triageSuggestions.categoryConfidence,
          priorityConfidence: triageSuggestions.priorityConfidence,
          createdCategory: triageSuggestions.createdCategory,
          createdPriority: triageSuggestions.createdPriority,
          finalCategory: tickets.category,
          finalPriority: tickets.priority,
        })
        .from(triageSuggestions)
        .innerJoin(tickets, eq(tickets.id, triageSuggestions.ticketId))
        .where(
          and(
            isNotNull(triageSuggestions.ticketId),
            gte(
              triageSuggestions.createdAt,
              sql`now() - make_interval(days => ${days})`,
            ),
          ),
        );
      const field = <T extends string>(
        labels: readonly T[],
        pick: (row: (typeof rows)[number]) => {
          suggested: T;
          created: T;
          final: T;
          confidence: number;
        },
      ) => {
        const picked = rows.map(pick);
        const accepted = picked.filter((p) => p.created === p.suggested);
        const { count, ...measured } = quality(
          labels,
          picked.map((p) => ({
            actual: p.final,
            predicted: p.suggested,
            confidence: p.confidence,
          })),
          threshold,
        );
        return { suggestions: count, accepted: accepted.length, ...measured };
      };
      return {
        days,
        threshold,
        category: field(CATEGORIES, (row) => ({
          suggested: row.category,
          created: row.createdCategory!,
          final: row.finalCategory,
          confidence: row.categoryConfidence,
        })),
        priority: field(PRIORITIES, (row) => ({
          suggested: row.priority,
          created: row.createdPriority!,
          final: row.finalPriority,
          confidence: row.priorityConfidence,
        })),
      };
    },
  };
}

/**
 * Ties a suggestion to the ticket created with it, in the ticket's own transaction, keeping the
 * values it was created with. Only the person who was shown the suggestion can use it, once; any
 * other id is ignored (creating a ticket never fails because of triage).
 */
export async function linkSuggestion(
  tx: Tx,
  suggestionId: number,
  ticket: { id: number; category: Category; priority: Priority },
  userId: number,
): Promise<void> {
  await tx
    .update(triageSuggestions)
    .set({
      ticketId: ticket.id,
      createdCategory: ticket.category,
      createdPriority: ticket.priority,
    })
    .where(
      and(
        eq(triageSuggestions.id, suggestionId),
        eq(triageSuggestions.userId, userId),
        isNull(triageSuggestions.ticketId),
      ),
    );
}
