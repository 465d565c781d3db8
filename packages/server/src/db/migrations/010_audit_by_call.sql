-- A call's audit trail (GET /v1/audit?call=): its own entries name it as their target, its
-- artifacts' entries in their details.
CREATE INDEX audit_log_by_target ON audit_log (tenant_id, target) WHERE target IS NOT NULL;
CREATE INDEX audit_log_by_call_detail ON audit_log (tenant_id, ((details::jsonb) ->> 'call'));
