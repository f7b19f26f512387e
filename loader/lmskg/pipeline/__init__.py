"""The jobs that run the stages in order: :mod:`.inputs` (read everything once),
:mod:`.dataset` (records to a dataset), :mod:`.build` (dataset, reasoning, exports)
and :mod:`.queryable` (the engine questions are asked of)."""
