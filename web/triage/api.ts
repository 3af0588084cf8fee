import { queryOptions } from "@tanstack/react-query";
import { endpoints } from "../../contract/endpoints.js";
import { call } from "../lib/api-client.js";

/** Every query key of this feature, defined once. */
export const triageKeys = {
  all: ["triage"] as const,
  quality: (days: number) => [...triageKeys.all, "quality", days] as const,
};

// Suggestions turn into tickets over hours and days: a minute-old measure is fresh enough.
const QUALITY_STALE_MS = 60_000;

export const qualityOptions = (days: number) =>
  queryOptions({
    queryKey: triageKeys.quality(days),
    queryFn: ({ signal }) =>
      call(endpoints.triageQuality, { query: { days }, signal }),
    staleTime: QUALITY_STALE_MS,
  });
