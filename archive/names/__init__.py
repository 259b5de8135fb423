"""Personal names, the one notion shared by the extractors, the store and the queries.

One module per idea: :mod:`~archive.names.lexicon` (the word lists: titles, honorifics,
particles, suffixes), :mod:`~archive.names.titles` (titles before a name),
:mod:`~archive.names.tokens` (name words, surname, given names), :mod:`~archive.names.firstnames`
(first names and their sex), :mod:`~archive.names.dictionary` (English words that are no
surnames), :mod:`~archive.names.fold` (folding for comparison) and :mod:`~archive.names.identity`
(the keys and rules that join forms of one name across articles); :mod:`~archive.names.parts`
gathers the name helpers in one import."""
