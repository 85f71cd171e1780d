\set n random(1, :units)
SELECT unit_code AS code FROM units WHERE id = :n \gset
-- Picks a random unit: the part of every script that is not the read (measured alone and subtracted).

