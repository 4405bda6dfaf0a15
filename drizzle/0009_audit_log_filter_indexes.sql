DROP INDEX "ai_audit_logs_created_at_idx";--> statement-breakpoint
CREATE INDEX "ai_audit_logs_actor_email_idx" ON "ai_audit_logs" USING btree (lower("actor_email"),"created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ai_audit_logs_target_idx" ON "ai_audit_logs" USING btree ("target_type","target_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ai_audit_logs_created_at_idx" ON "ai_audit_logs" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);