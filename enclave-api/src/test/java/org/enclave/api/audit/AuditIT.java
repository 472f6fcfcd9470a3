package org.enclave.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectService;
import org.enclave.api.project.ProjectState;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in a real PostgreSQL: append-only by trigger, written in the action's transaction and
 * failing closed, and every kind of tampering (change, delete, reorder, cut the newest) named by
 * verification. Tampering runs as a superuser would: triggers disabled inside one transaction. Each
 * test restores the rows it tampered with, because the database is shared by every IT class.
 */
@EnclaveIT
class AuditIT {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired AuditVerifier verifier;
    @Autowired ChainHeadSigner signer;
    @Autowired ProjectService projects;
    @Autowired EmbeddedPostgres pg;

    @BeforeEach
    void someHistory() {
        fx.submitted("bob");
        assertThat(verifier.verify().ok()).as(verifier.verify().summary()).isTrue();
    }

    /** Runs statements with the append-only triggers disabled, as a superuser could. */
    void asSuperuser(String... statements) {
        tx.executeWithoutResult(s -> {
            jdbc.execute("alter table audit_entry disable trigger user");
            for (String sql : statements) {
                jdbc.execute(sql);
            }
            jdbc.execute("alter table audit_entry enable trigger user");
        });
    }

    long head() {
        return jdbc.queryForObject("select max(seq) from audit_entry", Long.class);
    }

    @Test
    void updateDeleteAndTruncateAreRefusedByPostgres() {
        signer.signHead(); // so that audit_checkpoint has a row for the row-level trigger to refuse
        for (String sql : new String[] {"update audit_entry set actor = 'mallory' where seq = 1", "delete from audit_entry where seq = 1",
                "truncate audit_entry", "delete from audit_checkpoint", "update dataset_version set location = 'x'"}) {
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("append-only");
        }
    }

    @Test
    void whenTheAuditEntryCannotBeWrittenTheActionFailsAndNothingChanges() throws Exception {
        Project draft = fx.draft();
        long before = head();
        long datasets = jdbc.queryForObject("select count(*) from dataset", Long.class);
        jdbc.execute("""
                create function refuse_audit() returns trigger language plpgsql as $$
                begin raise exception 'audit storage unavailable'; end $$""");
        jdbc.execute("create trigger refuse_audit before insert on audit_entry for each row execute function refuse_audit()");
        try {
            mvc.perform(post("/api/datasets").header("Authorization", fx.bearer("sam")).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"name":"never_created","description":"d","owner":"o","sensitivity":"LOW","licence":"l","retentionDays":1}"""))
                    .andExpect(status().isInternalServerError())
                    .andExpect(jsonPath("$.type").value("/problems/internal-error"))
                    .andExpect(jsonPath("$.trace").doesNotExist());
            mvc.perform(post("/api/projects/" + draft.id() + "/submit").header("Authorization", fx.bearer("alice")))
                    .andExpect(status().isInternalServerError());
        } finally {
            jdbc.execute("drop trigger refuse_audit on audit_entry");
            jdbc.execute("drop function refuse_audit()");
        }
        assertThat(jdbc.queryForObject("select count(*) from dataset", Long.class)).isEqualTo(datasets);
        assertThat(jdbc.queryForObject("select count(*) from dataset where name = 'never_created'", Long.class)).isZero();
        assertThat(projects.load(draft.id()).state()).isEqualTo(ProjectState.DRAFT);
        assertThat(head()).isEqualTo(before);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aChangedEntryIsNamed() throws Exception {
        long k = head() - 1;
        String actor = jdbc.queryForObject("select actor from audit_entry where seq = ?", String.class, k);
        asSuperuser("update audit_entry set actor = 'mallory' where seq = " + k);
        try {
            mvc.perform(get("/api/audit/verification").header("Authorization", fx.bearer("audrey")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.ok").value(false))
                    .andExpect(jsonPath("$.firstBrokenSeq").value(k))
                    .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.containsString("entry changed")));
        } finally {
            asSuperuser("update audit_entry set actor = '" + actor + "' where seq = " + k);
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aChangedDetailIsNamed() {
        long k = head();
        asSuperuser("create table audit_backup as select * from audit_entry where seq = " + k,
                "update audit_entry set details = details || '{\"state\":\"APPROVED\"}'::jsonb where seq = " + k);
        try {
            VerificationReport r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(k);
        } finally {
            asSuperuser("update audit_entry set details = b.details from audit_backup b where audit_entry.seq = b.seq",
                    "drop table audit_backup");
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aDeletedEntryIsNamed() {
        long k = head() - 2;
        asSuperuser("create table audit_backup as select * from audit_entry where seq = " + k,
                "delete from audit_entry where seq = " + k);
        try {
            VerificationReport r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(k);
            assertThat(r.reason()).contains("entry " + k + " is missing");
        } finally {
            asSuperuser("insert into audit_entry select * from audit_backup", "drop table audit_backup");
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void reorderedEntriesAreNamed() {
        long k = head() - 1;
        asSuperuser("update audit_entry set seq = seq + 1000000000 where seq = " + k,
                "update audit_entry set seq = " + k + " where seq = " + (k + 1),
                "update audit_entry set seq = " + (k + 1) + " where seq = " + (k + 1000000000));
        try {
            VerificationReport r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(k);
            assertThat(r.reason()).contains("prev_hash");
        } finally {
            asSuperuser("update audit_entry set seq = seq + 1000000000 where seq = " + k,
                    "update audit_entry set seq = " + k + " where seq = " + (k + 1),
                    "update audit_entry set seq = " + (k + 1) + " where seq = " + (k + 1000000000));
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void cuttingTheNewestEntriesIsNamedOnceTheHeadIsSigned() {
        long signed = signer.signHead().orElseThrow();
        assertThat(signed).isEqualTo(head());
        assertThat(signer.signHead()).isEmpty();
        asSuperuser("create table audit_backup as select * from audit_entry where seq >= " + (signed - 1),
                "delete from audit_entry where seq >= " + (signed - 1));
        try {
            VerificationReport r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(signed - 1);
            assertThat(r.reason()).contains("signed at entry " + signed);
        } finally {
            asSuperuser("insert into audit_entry select * from audit_backup", "drop table audit_backup");
        }
        VerificationReport r = verifier.verify();
        assertThat(r.ok()).isTrue();
        assertThat(r.lastSignedSeq()).isEqualTo(signed);
    }

    @Test
    void theCommandVerifiesTheSameDatabaseAndExitsNonZeroWhenBroken() {
        String[] args = {"audit-verify", "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "enclave"),
                "--spring.datasource.username=postgres", "--enclave.home=target/it-home", "--logging.level.root=WARN"};
        assertThat(AuditVerifyCommand.run(args)).isZero();
        long k = head();
        String actor = jdbc.queryForObject("select actor from audit_entry where seq = ?", String.class, k);
        asSuperuser("update audit_entry set actor = 'mallory' where seq = " + k);
        try {
            assertThat(AuditVerifyCommand.run(args)).isEqualTo(1);
        } finally {
            asSuperuser("update audit_entry set actor = '" + actor + "' where seq = " + k);
        }
    }

    @Test
    void auditorsReadEntriesPageByPage() throws Exception {
        mvc.perform(get("/api/audit/entries?afterSeq=0&limit=2").header("Authorization", fx.bearer("audrey")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].seq").value(1))
                .andExpect(jsonPath("$[0].prevHash").value(CanonicalForm.GENESIS));
        String purpose = jdbc.queryForObject(
                "select details->>'purpose' from audit_entry where action = 'project.created' order by seq desc limit 1", String.class);
        assertThat(purpose).startsWith("hmac-sha256:").hasSize(12 + 64);
        assertThat(Fixtures.actor("audrey").username()).isEqualTo("audrey");
    }
}
