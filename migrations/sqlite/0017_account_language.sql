-- The interface language a person chose (en, ru, kk, ky, uz, tg): their
-- pages after signing in on any device, and the emails sent to them. NULL
-- until they choose: the browser's Accept-Language decides.
ALTER TABLE users ADD COLUMN lang TEXT
    CONSTRAINT users_lang_known CHECK (lang IN ('en', 'ru', 'kk', 'ky', 'uz', 'tg'));
