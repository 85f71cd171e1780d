\set n random(1, :units)
SELECT unit_code AS code FROM units WHERE id = :n \gset
-- The view of one unit as EF Core sends it since docs/decisions/0028 (captured from the host's command log).
SELECT u.id, u.unit_code, u.location, u.area, u.interior_area, u.use, u.kind, u.floor, u.room_number, p.parcel_code, p.location, p.land_area, p.land_use, p.land_right_nature, p.land_term_end, b.id IS NULL, b.building_number, b.name, b.floors, b.stage, p.id, b.id, s0.id, s0.unit_id, s0.kind, s0.mortgage_kind, s0.co_ownership, s0.certificate_number, s0.secured_amount_fen, s0.term_start, s0.term_end, s0.nature, s0.notes, s0.registered_at, s0.transfer_agreement, s0.position, s0.party_id, s0.kind0, s0.name, s0.id_type, s0.id_number, s0.role, s0.share_percent, s0.id0, s0.id00, s1.unit_id, s1.id, s1.kind, s1.authority, s1.document_number, s1.starts_on, s1.ends_on, s1.notes, s1.registered_at, s1.right_id, s1.c, s1.kind0, s1.name, s1.id_number, s1.id0
FROM units AS u
INNER JOIN parcels AS p ON u.parcel_id = p.id
LEFT JOIN buildings AS b ON u.building_id = b.id
LEFT JOIN (
    SELECT r.id, r.unit_id, r.kind, r.mortgage_kind, r.co_ownership, r.certificate_number, r.secured_amount_fen, r.term_start, r.term_end, r.nature, r.notes, r.registered_at, r.transfer_agreement, s.position, s.party_id, s.kind AS kind0, s.name, s.id_type, s.id_number, s.role, s.share_percent, s.id AS id0, s.id0 AS id00
    FROM rights AS r
    LEFT JOIN (
        SELECT r0.position, r0.party_id, p0.kind, p0.name, p0.id_type, p0.id_number, r0.role, r0.share_percent, r0.id, p0.id AS id0, r0.right_id
        FROM right_holders AS r0
        INNER JOIN parties AS p0 ON r0.party_id = p0.id
    ) AS s ON r.id = s.right_id
    WHERE r.status = 'Active'
) AS s0 ON u.id = s0.unit_id
LEFT JOIN (
    SELECT r1.unit_id, r1.id, r1.kind, r1.authority, r1.document_number, r1.starts_on, r1.ends_on, r1.notes, r1.registered_at, r1.right_id, p1.id IS NULL AS c, p1.kind AS kind0, p1.name, p1.id_number, p1.id AS id0
    FROM restrictions AS r1
    LEFT JOIN parties AS p1 ON r1.beneficiary_party_id = p1.id
    WHERE r1.status = 'Active'
) AS s1 ON u.id = s1.unit_id
WHERE u.unit_code = :code
ORDER BY u.id, p.id, b.id, s0.id, s0.id0, s0.id00, s1.id;
