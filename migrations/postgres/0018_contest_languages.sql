-- A contest's own text in the languages of its participants. The contest's
-- columns (title, theme, description, rules) and its categories' and
-- criteria's hold the text in the contest's own language, `lang`; this table
-- holds it in the others, item by item ('title', 'category.12.name',
-- 'criterion.3.description'…). A reader gets their language where it is
-- given, else the contest's own.
ALTER TABLE contests ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'
    CONSTRAINT contests_lang_known CHECK (lang IN ('en', 'ru', 'kk', 'ky', 'uz', 'tg'));

CREATE TABLE contest_texts (
    contest_id BIGINT NOT NULL,
    lang TEXT NOT NULL,
    item TEXT NOT NULL,
    text TEXT NOT NULL,
    CONSTRAINT contest_texts_pkey PRIMARY KEY (contest_id, lang, item),
    CONSTRAINT contest_texts_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT contest_texts_lang_known CHECK (lang IN ('en', 'ru', 'kk', 'ky', 'uz', 'tg')),
    CONSTRAINT contest_texts_not_empty CHECK (text <> '')
);
