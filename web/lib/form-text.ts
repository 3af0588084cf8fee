/** A text field's value from a submitted form. */
export const formText = (data: FormData, name: string) =>
  String(data.get(name) ?? "");
