\set n random(1, :units)
SELECT unit_code AS code FROM units WHERE id = :n \gset
