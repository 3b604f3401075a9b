-- V1: the schema the last release before migrations (9934506) leaves on PostgreSQL, made by Hibernate's "update".
-- Taken with pg_dump --schema-only from a database that release wrote in a real run; JBeret's own tables
-- (job_instance, job_execution, step_execution, partition_execution, their sequences) left out: JBeret creates
-- them. Never edit this script: a database made by that release is baselined at this version.

CREATE TABLE public.audit_entry (
    id bigint NOT NULL,
    action character varying(32) NOT NULL,
    actor character varying(128) NOT NULL,
    at timestamp(6) with time zone NOT NULL,
    detail character varying(4000),
    from_address character varying(64),
    scan_id bigint
);

CREATE SEQUENCE public.audit_entry_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.authorised_networks (
    id integer NOT NULL,
    changed_at timestamp(6) with time zone NOT NULL,
    changed_by character varying(128) NOT NULL,
    networks oid NOT NULL
);

CREATE TABLE public.confirmation (
    id bigint NOT NULL,
    address character varying(64) NOT NULL,
    anonymous_relay boolean NOT NULL,
    applied boolean NOT NULL,
    form character varying(64) NOT NULL,
    headers character varying(65536),
    peer character varying(128),
    port integer NOT NULL,
    reasoning character varying(2000),
    received_at timestamp(6) with time zone NOT NULL,
    scan_id bigint NOT NULL
);

CREATE SEQUENCE public.confirmation_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.host_result (
    id bigint NOT NULL,
    address character varying(64) NOT NULL,
    banner character varying(1000),
    capabilities character varying(2000),
    confirmed_at timestamp(6) with time zone,
    deferred boolean,
    detail character varying(1000),
    duration_ms bigint NOT NULL,
    endpoint_index bigint NOT NULL,
    port integer NOT NULL,
    probed_at timestamp(6) with time zone NOT NULL,
    scan_id bigint NOT NULL,
    tests bytea,
    tls boolean NOT NULL,
    verdict character varying(32) NOT NULL,
    CONSTRAINT host_result_verdict_check CHECK (((verdict)::text = ANY ((ARRAY['OUT_OF_SCOPE'::character varying, 'UNREACHABLE'::character varying, 'REFUSED'::character varying, 'NO_GREETING'::character varying, 'NOT_SMTP'::character varying, 'REJECTED_AT_GREETING'::character varying, 'TEMPORARILY_UNAVAILABLE'::character varying, 'SECURED'::character varying, 'ACCEPTS_LOCAL_ONLY'::character varying, 'REQUIRES_TLS'::character varying, 'REQUIRES_AUTH'::character varying, 'INCONCLUSIVE'::character varying, 'ACCEPTS_RELAY'::character varying, 'CONFIRMED_RELAY'::character varying, 'ANONYMOUS_RELAY'::character varying])::text[])))
);

CREATE SEQUENCE public.host_result_seq
    START WITH 1
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.notice (
    id bigint NOT NULL,
    about_scan_id bigint NOT NULL,
    hosts oid NOT NULL,
    kind character varying(16) NOT NULL,
    message_id character varying(300),
    owner_name character varying(200),
    owner_network character varying(64),
    reason character varying(1000),
    recipient character varying(254) NOT NULL,
    recorded_at timestamp(6) with time zone NOT NULL,
    scan_id bigint NOT NULL,
    sent_at timestamp(6) with time zone,
    status character varying(16) NOT NULL,
    subject character varying(300) NOT NULL,
    CONSTRAINT notice_kind_check CHECK (((kind)::text = ANY ((ARRAY['FOUND'::character varying, 'FIXED'::character varying, 'ESCALATION'::character varying, 'DIGEST'::character varying])::text[]))),
    CONSTRAINT notice_status_check CHECK (((status)::text = ANY ((ARRAY['SENT'::character varying, 'DRY_RUN'::character varying, 'HELD'::character varying, 'FAILED'::character varying])::text[])))
);

CREATE SEQUENCE public.notice_seq
    START WITH 1
    INCREMENT BY 10
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.owner_network (
    id bigint NOT NULL,
    contact character varying(254) NOT NULL,
    owner_name character varying(200) NOT NULL,
    network character varying(64) NOT NULL,
    notices_held boolean NOT NULL,
    reference character varying(200)
);

CREATE SEQUENCE public.owner_network_seq
    START WITH 1
    INCREMENT BY 100
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.quarantine_tally (
    kind character varying(32) NOT NULL,
    since timestamp(6) with time zone NOT NULL,
    total bigint NOT NULL
);

CREATE TABLE public.quarantined_mail (
    id bigint NOT NULL,
    address character varying(64),
    form character varying(64),
    headers character varying(65536),
    mail_from character varying(512),
    noted boolean,
    peer character varying(128),
    port integer,
    reason character varying(1000) NOT NULL,
    received_at timestamp(6) with time zone NOT NULL,
    scan_id bigint
);

CREATE SEQUENCE public.quarantined_mail_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.recheck (
    id bigint NOT NULL,
    automatic boolean NOT NULL,
    concluded_at timestamp(6) with time zone,
    created_at timestamp(6) with time zone NOT NULL,
    detail character varying(1000),
    due_at timestamp(6) with time zone NOT NULL,
    original_scan_id bigint NOT NULL,
    recheck_scan_id bigint,
    requested_by character varying(255) NOT NULL,
    requested_from character varying(64),
    started_at timestamp(6) with time zone,
    state character varying(16) NOT NULL,
    verdicts character varying(200) NOT NULL,
    CONSTRAINT recheck_state_check CHECK (((state)::text = ANY ((ARRAY['PENDING'::character varying, 'STARTED'::character varying, 'CONCLUDED'::character varying, 'FAILED'::character varying])::text[])))
);

CREATE TABLE public.recheck_host (
    id bigint NOT NULL,
    address character varying(64) NOT NULL,
    judged_at timestamp(6) with time zone,
    original_host_id bigint NOT NULL,
    original_verdict character varying(32) NOT NULL,
    outcome character varying(16),
    port integer NOT NULL,
    recheck_host_id bigint,
    recheck_id bigint NOT NULL,
    recheck_verdict character varying(32),
    CONSTRAINT recheck_host_original_verdict_check CHECK (((original_verdict)::text = ANY ((ARRAY['OUT_OF_SCOPE'::character varying, 'UNREACHABLE'::character varying, 'REFUSED'::character varying, 'NO_GREETING'::character varying, 'NOT_SMTP'::character varying, 'REJECTED_AT_GREETING'::character varying, 'TEMPORARILY_UNAVAILABLE'::character varying, 'SECURED'::character varying, 'ACCEPTS_LOCAL_ONLY'::character varying, 'REQUIRES_TLS'::character varying, 'REQUIRES_AUTH'::character varying, 'INCONCLUSIVE'::character varying, 'ACCEPTS_RELAY'::character varying, 'CONFIRMED_RELAY'::character varying, 'ANONYMOUS_RELAY'::character varying])::text[]))),
    CONSTRAINT recheck_host_outcome_check CHECK (((outcome)::text = ANY ((ARRAY['FIXED'::character varying, 'STILL_RELAYING'::character varying, 'UNREACHABLE'::character varying, 'NOT_RECHECKED'::character varying])::text[]))),
    CONSTRAINT recheck_host_recheck_verdict_check CHECK (((recheck_verdict)::text = ANY ((ARRAY['OUT_OF_SCOPE'::character varying, 'UNREACHABLE'::character varying, 'REFUSED'::character varying, 'NO_GREETING'::character varying, 'NOT_SMTP'::character varying, 'REJECTED_AT_GREETING'::character varying, 'TEMPORARILY_UNAVAILABLE'::character varying, 'SECURED'::character varying, 'ACCEPTS_LOCAL_ONLY'::character varying, 'REQUIRES_TLS'::character varying, 'REQUIRES_AUTH'::character varying, 'INCONCLUSIVE'::character varying, 'ACCEPTS_RELAY'::character varying, 'CONFIRMED_RELAY'::character varying, 'ANONYMOUS_RELAY'::character varying])::text[])))
);

CREATE SEQUENCE public.recheck_host_seq
    START WITH 1
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.recheck_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.scan (
    id bigint NOT NULL,
    address_total bigint NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    endpoint_total bigint NOT NULL,
    excludes oid,
    execution_id bigint,
    finished_at timestamp(6) with time zone,
    forms_first oid,
    chunk_size integer NOT NULL,
    command_timeout_ms bigint NOT NULL,
    confirmation_window_ms bigint NOT NULL,
    connect_timeout_ms bigint NOT NULL,
    greylist_retry_ms bigint,
    helo_name character varying(255) NOT NULL,
    host_budget_ms bigint NOT NULL,
    message_per_form boolean,
    notices_dry_run boolean,
    partition_count integer NOT NULL,
    rcpt_only boolean NOT NULL,
    record_unresponsive boolean NOT NULL,
    own_receiver_named oid,
    ports character varying(1000) NOT NULL,
    probing_ended_at timestamp(6) with time zone,
    probing_started_at timestamp(6) with time zone,
    profile character varying(64) NOT NULL,
    recheck_of bigint,
    scanned_from character varying(64),
    schedule_id bigint,
    skipped_special character varying(1000),
    status character varying(16) NOT NULL,
    status_detail character varying(1000),
    targets oid NOT NULL,
    CONSTRAINT scan_status_check CHECK (((status)::text = ANY ((ARRAY['CREATED'::character varying, 'PROBING'::character varying, 'CONFIRMING'::character varying, 'COMPLETED'::character varying, 'STOPPING'::character varying, 'STOPPED'::character varying, 'FAILED'::character varying, 'ABANDONED'::character varying, 'INTERRUPTED'::character varying])::text[])))
);

CREATE TABLE public.scan_block (
    id bigint NOT NULL,
    end_index bigint NOT NULL,
    next_index bigint NOT NULL,
    block_number integer NOT NULL,
    refused_count bigint NOT NULL,
    run_count integer NOT NULL,
    scan_id bigint NOT NULL,
    start_index bigint NOT NULL,
    unreachable_count bigint NOT NULL
);

CREATE SEQUENCE public.scan_block_seq
    START WITH 1
    INCREMENT BY 20
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.scan_schedule (
    id bigint NOT NULL,
    changed_at timestamp(6) with time zone,
    changed_by character varying(128),
    created_at timestamp(6) with time zone NOT NULL,
    created_by character varying(128) NOT NULL,
    when_day_of_month character varying(200) NOT NULL,
    when_day_of_week character varying(200) NOT NULL,
    when_hour character varying(200) NOT NULL,
    last_note character varying(1000),
    last_outcome character varying(16),
    last_run_at timestamp(6) with time zone,
    last_scan_id bigint,
    when_minute character varying(200) NOT NULL,
    when_month character varying(200) NOT NULL,
    name character varying(200) NOT NULL,
    next_run_at timestamp(6) with time zone,
    paused boolean NOT NULL,
    scan_request oid NOT NULL,
    when_second character varying(200) NOT NULL,
    when_timezone character varying(64) NOT NULL,
    when_year character varying(200) NOT NULL,
    CONSTRAINT scan_schedule_last_outcome_check CHECK (((last_outcome)::text = ANY ((ARRAY['STARTED'::character varying, 'SKIPPED'::character varying, 'REFUSED'::character varying, 'FAILED'::character varying])::text[])))
);

CREATE TABLE public.scan_schedule_run (
    id bigint NOT NULL,
    at timestamp(6) with time zone NOT NULL,
    catch_up boolean NOT NULL,
    note character varying(1000),
    outcome character varying(16) NOT NULL,
    scan_id bigint,
    schedule_id bigint NOT NULL,
    CONSTRAINT scan_schedule_run_outcome_check CHECK (((outcome)::text = ANY ((ARRAY['STARTED'::character varying, 'SKIPPED'::character varying, 'REFUSED'::character varying, 'FAILED'::character varying])::text[])))
);

CREATE SEQUENCE public.scan_schedule_run_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.scan_schedule_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.scan_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.authorised_networks
    ADD CONSTRAINT authorised_networks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.confirmation
    ADD CONSTRAINT confirmation_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.host_result
    ADD CONSTRAINT host_result_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notice
    ADD CONSTRAINT notice_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.owner_network
    ADD CONSTRAINT owner_network_network UNIQUE (network);

ALTER TABLE ONLY public.owner_network
    ADD CONSTRAINT owner_network_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.quarantine_tally
    ADD CONSTRAINT quarantine_tally_pkey PRIMARY KEY (kind);

ALTER TABLE ONLY public.quarantined_mail
    ADD CONSTRAINT quarantined_mail_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.recheck_host
    ADD CONSTRAINT recheck_host_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.recheck
    ADD CONSTRAINT recheck_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scan_block
    ADD CONSTRAINT scan_block_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scan
    ADD CONSTRAINT scan_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scan_schedule
    ADD CONSTRAINT scan_schedule_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scan_schedule_run
    ADD CONSTRAINT scan_schedule_run_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.host_result
    ADD CONSTRAINT uk1pioic2itt68dv4n6bwisbr15 UNIQUE (scan_id, address, port);

ALTER TABLE ONLY public.confirmation
    ADD CONSTRAINT ukq7pjqpc1u0bef3fbknt0v7j6q UNIQUE (scan_id, address, port, form);

ALTER TABLE ONLY public.scan_block
    ADD CONSTRAINT ukrgnd7i1swm4si1kwudau6vve2 UNIQUE (scan_id, block_number);

CREATE INDEX audit_entry_at ON public.audit_entry USING btree (at);

CREATE INDEX confirmation_pending ON public.confirmation USING btree (scan_id, applied);

CREATE INDEX host_result_address ON public.host_result USING btree (address);

CREATE INDEX host_result_scan_endpoint ON public.host_result USING btree (scan_id, endpoint_index);

CREATE INDEX host_result_scan_verdict ON public.host_result USING btree (scan_id, verdict);

CREATE INDEX notice_about_scan ON public.notice USING btree (about_scan_id);

CREATE INDEX notice_scan ON public.notice USING btree (scan_id);

CREATE INDEX quarantined_mail_received ON public.quarantined_mail USING btree (received_at);

CREATE INDEX recheck_host_address ON public.recheck_host USING btree (address);

CREATE INDEX recheck_host_outcome ON public.recheck_host USING btree (outcome);

CREATE INDEX recheck_host_recheck ON public.recheck_host USING btree (recheck_id);

CREATE INDEX recheck_original ON public.recheck USING btree (original_scan_id);

CREATE INDEX recheck_scan ON public.recheck USING btree (recheck_scan_id);

CREATE INDEX recheck_state_due ON public.recheck USING btree (state, due_at);

CREATE INDEX scan_schedule_run_schedule ON public.scan_schedule_run USING btree (schedule_id);
