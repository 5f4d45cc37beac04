-- Full-text search over postings' titles and descriptions. Chinese has no spaces between words, so the
-- application writes each text as overlapping character bigrams (server/search/text.ts) and queries a
-- substring as the phrase of its bigrams; unicode61 then only splits on the spaces it was given.
-- Contentless (the text lives in postings) with deletes allowed; rowid = postings.rowid.
CREATE VIRTUAL TABLE `posting_search` USING fts5(`text`, content='', contentless_delete=1, tokenize='unicode61');
