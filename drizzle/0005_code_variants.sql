-- Codes written with separators (E-07, AT-400-1021) are also stored without them (E07, AT4001021),
-- as new passages store them, so a question may write a code either way.
UPDATE "knowledge_chunks" c
SET "codes" = c."codes" || ' ' || v.extra
FROM (
  SELECT k."id", string_agg(DISTINCT regexp_replace(t, '[._/-]', '', 'g'), ' ') AS extra
  FROM "knowledge_chunks" k, regexp_split_to_table(k."codes", '\s+') AS t
  WHERE t ~ '[._/-]' AND (t ~ '[0-9]' OR t ~ '^[A-Z]{2,}')
  GROUP BY k."id"
) v
WHERE c."id" = v."id";
