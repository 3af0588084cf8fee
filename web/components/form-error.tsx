import { ApiError } from "../lib/api-client.js";

/** The field errors of a failed call, to show beside their fields. */
export const fieldErrors = (error: unknown): Record<string, string[]> =>
  error instanceof ApiError ? error.fields : {};

/** A failed call's message, unless its fields already say what is wrong. */
export function FormError({
  error,
  action,
}: {
  error: Error | null;
  action: string;
}) {
  if (!error || Object.keys(fieldErrors(error)).length) return null;
  return (
    <p role="alert" className="error">
      {action}: {error.message}
    </p>
  );
}
