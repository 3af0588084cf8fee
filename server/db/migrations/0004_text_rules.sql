-- One definition of "blank" for the database and the API (contract/text.ts): a text is blank when it has
-- nothing but spaces and controls (Unicode White_Space, Cc) and invisible format characters (Unicode
-- Default_Ignorable_Code_Point, e.g. U+200B, U+FEFF). The old CHECK used [[:space:]], whose meaning
-- depends on the server's locale (PGlite counted U+0085 as a space, the API did not) and which let
-- U+200B through. Code points are written out so that every PostgreSQL, and PGlite, reads the same set.
CREATE FUNCTION has_visible_text(value text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT value ~ '[^\u0001-\u0020\u007F-\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u17B4\u17B5\u180B-\u180F\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]'
  $$;

-- Tickets written before this rule with only invisible characters get a visible placeholder, so that
-- the new CHECK holds for every row and a later change to such a ticket is not refused.
UPDATE tickets SET title = '(blank title)' WHERE NOT has_visible_text(title);
UPDATE tickets SET description = '(blank description)' WHERE NOT has_visible_text(description);

ALTER TABLE tickets
  DROP CONSTRAINT tickets_title_check,
  ADD CONSTRAINT tickets_title_check CHECK (has_visible_text(title)),
  DROP CONSTRAINT tickets_description_check,
  ADD CONSTRAINT tickets_description_check CHECK (has_visible_text(description));
