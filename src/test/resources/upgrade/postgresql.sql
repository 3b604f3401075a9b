-- A PostgreSQL database as the release before migrations (9934506) left it: written by that release in a real run
-- (three lab scans of 127.0.80.0/30, 127.0.80.1 and .2 with hosts and tests, three junk mails quarantined, audit
-- entries, JBeret's tables) and taken with pg_dump --inserts --no-owner (its psql-only lines and the empty
-- search_path left out, so that JDBC can run it). At the end, the installation_key table that releases before the
-- credential store left behind (as Hibernate made it from their entity), with a row.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: audit_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_entry (
    id bigint NOT NULL,
    action character varying(32) NOT NULL,
    actor character varying(128) NOT NULL,
    at timestamp(6) with time zone NOT NULL,
    detail character varying(4000),
    from_address character varying(64),
    scan_id bigint
);


--
-- Name: audit_entry_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_entry_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: authorised_networks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.authorised_networks (
    id integer NOT NULL,
    changed_at timestamp(6) with time zone NOT NULL,
    changed_by character varying(128) NOT NULL,
    networks oid NOT NULL
);


--
-- Name: confirmation; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: confirmation_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.confirmation_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: host_result; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: host_result_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.host_result_seq
    START WITH 1
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: job_execution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.job_execution (
    jobexecutionid bigint NOT NULL,
    jobinstanceid bigint NOT NULL,
    version integer,
    createtime timestamp with time zone,
    starttime timestamp with time zone,
    endtime timestamp with time zone,
    lastupdatedtime timestamp with time zone,
    batchstatus character varying(30),
    exitstatus character varying(512),
    jobparameters character varying(3000),
    restartposition character varying(255)
);


--
-- Name: job_execution_jobexecutionid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.job_execution_jobexecutionid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: job_execution_jobexecutionid_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.job_execution_jobexecutionid_seq OWNED BY public.job_execution.jobexecutionid;


--
-- Name: job_instance; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.job_instance (
    jobinstanceid bigint NOT NULL,
    version integer,
    jobname character varying(512),
    applicationname character varying(512)
);


--
-- Name: job_instance_jobinstanceid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.job_instance_jobinstanceid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: job_instance_jobinstanceid_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.job_instance_jobinstanceid_seq OWNED BY public.job_instance.jobinstanceid;


--
-- Name: notice; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: notice_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notice_seq
    START WITH 1
    INCREMENT BY 10
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: owner_network; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.owner_network (
    id bigint NOT NULL,
    contact character varying(254) NOT NULL,
    owner_name character varying(200) NOT NULL,
    network character varying(64) NOT NULL,
    notices_held boolean NOT NULL,
    reference character varying(200)
);


--
-- Name: owner_network_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.owner_network_seq
    START WITH 1
    INCREMENT BY 100
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: partition_execution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.partition_execution (
    partitionexecutionid integer NOT NULL,
    stepexecutionid bigint NOT NULL,
    version integer,
    batchstatus character varying(30),
    exitstatus character varying(512),
    executionexception character varying(2048),
    persistentuserdata bytea,
    readercheckpointinfo bytea,
    writercheckpointinfo bytea
);


--
-- Name: quarantine_tally; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quarantine_tally (
    kind character varying(32) NOT NULL,
    since timestamp(6) with time zone NOT NULL,
    total bigint NOT NULL
);


--
-- Name: quarantined_mail; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: quarantined_mail_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.quarantined_mail_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: recheck; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: recheck_host; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: recheck_host_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.recheck_host_seq
    START WITH 1
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: recheck_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.recheck_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scan; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: scan_block; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: scan_block_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scan_block_seq
    START WITH 1
    INCREMENT BY 20
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scan_schedule; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: scan_schedule_run; Type: TABLE; Schema: public; Owner: -
--

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


--
-- Name: scan_schedule_run_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scan_schedule_run_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scan_schedule_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scan_schedule_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scan_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scan_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: step_execution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.step_execution (
    stepexecutionid bigint NOT NULL,
    jobexecutionid bigint NOT NULL,
    version integer,
    stepname character varying(255),
    starttime timestamp with time zone,
    endtime timestamp with time zone,
    batchstatus character varying(30),
    exitstatus character varying(512),
    executionexception character varying(2048),
    persistentuserdata bytea,
    readcount integer,
    writecount integer,
    commitcount integer,
    rollbackcount integer,
    readskipcount integer,
    processskipcount integer,
    filtercount integer,
    writeskipcount integer,
    readercheckpointinfo bytea,
    writercheckpointinfo bytea
);


--
-- Name: step_execution_stepexecutionid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.step_execution_stepexecutionid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: step_execution_stepexecutionid_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.step_execution_stepexecutionid_seq OWNED BY public.step_execution.stepexecutionid;


--
-- Name: job_execution jobexecutionid; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_execution ALTER COLUMN jobexecutionid SET DEFAULT nextval('public.job_execution_jobexecutionid_seq'::regclass);


--
-- Name: job_instance jobinstanceid; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_instance ALTER COLUMN jobinstanceid SET DEFAULT nextval('public.job_instance_jobinstanceid_seq'::regclass);


--
-- Name: step_execution stepexecutionid; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.step_execution ALTER COLUMN stepexecutionid SET DEFAULT nextval('public.step_execution_stepexecutionid_seq'::regclass);


--
-- Name: 27666; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27666');


--
-- Name: 27667; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27667');


--
-- Name: 27668; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27668');


--
-- Name: 27669; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27669');


--
-- Name: 27670; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27670');


--
-- Name: 27671; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27671');


--
-- Name: 27672; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27672');


--
-- Name: 27673; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27673');


--
-- Name: 27674; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27674');


--
-- Name: 27675; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27675');


--
-- Name: 27676; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27676');


--
-- Name: 27677; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27677');


--
-- Name: 27678; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27678');


--
-- Name: 27679; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27679');


--
-- Name: 27680; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27680');


--
-- Name: 27681; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27681');


--
-- Name: 27682; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27682');


--
-- Name: 27683; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27683');


--
-- Name: 27684; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27684');


--
-- Name: 27685; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27685');


--
-- Name: 27686; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27686');


--
-- Name: 27687; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27687');


--
-- Name: 27688; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27688');


--
-- Name: 27689; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27689');


--
-- Name: 27690; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27690');


--
-- Name: 27691; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27691');


--
-- Name: 27692; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27692');


--
-- Name: 27693; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27693');


--
-- Name: 27694; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27694');


--
-- Name: 27695; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27695');


--
-- Name: 27696; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27696');


--
-- Name: 27697; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27697');


--
-- Name: 27698; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27698');


--
-- Name: 27699; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27699');


--
-- Name: 27700; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27700');


--
-- Name: 27701; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27701');


--
-- Name: 27702; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27702');


--
-- Name: 27703; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27703');


--
-- Name: 27704; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('27704');


--
-- Data for Name: audit_entry; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_entry VALUES (1, 'SCAN_STARTED', 'smtprc-operator', '2026-12-02 00:03:29.774+00', 'targets [127.0.80.0/30] exclude [] ports [2525] profile quick', '127.0.0.1', 1);
INSERT INTO public.audit_entry VALUES (2, 'SCAN_STARTED', 'smtprc-operator', '2026-12-02 00:03:35.285552+00', 'targets [127.0.80.1] exclude [] ports [2525] profile quick', '127.0.0.1', 2);
INSERT INTO public.audit_entry VALUES (3, 'SCAN_STARTED', 'smtprc-operator', '2026-12-02 00:03:37.544048+00', 'targets [127.0.80.2] exclude [] ports [2525] profile quick', '127.0.0.1', 3);


--
-- Data for Name: authorised_networks; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: confirmation; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: host_result; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.host_result VALUES (1, '127.0.80.0', '', '', NULL, false, 'connection refused', 149, 0, 2525, '2026-12-02 00:03:32.884836+00', 1, '\x', false, 'REFUSED');
INSERT INTO public.host_result VALUES (2, '127.0.80.2', '220 lab.smtprc.test ESMTP', '(no extensions)', NULL, false, 'refused all 6 relay tests (554 relay denied)', 236, 2, 2525, '2026-12-02 00:03:33.459589+00', 1, '\x017801c5944d4f83401086effc0a6ce28940d8050a4c9aa64dc544635343b919d3d0b21a22055ca889177fbbcb87142c48e9456e437667e67d66de45206b1007ae1f2a264c2809dccf9424a948497aa0e12ca6d19648c93e8de94ef2c30f37f0bda9826b27db8fa031d8d6bdb570ac9bcddcd9d88b4707693208f23ee117c02fe7770ffcadbd5ad612fd599213c6985d5d038f35998fdeca98a5ca52f3ceaa96a8bd234ed0b3e22c83a6a97c2e94f748e8138fc3606a5fec43801082f010046242428f50a6f352b1aa5289b5d796c3095869f69fc74d14534e508ce6a93c1ea452ed56a9ca854a8c4c48e2287a11e32849f76e92122afa31d66072fc317b42589764c99025fc7c298531fa45a16cee6788a7ebd0d50097af4e6dfee5d5f3c7dfc5054189454132c484ee4898321ae7db4165dc2ae35cb739a6c9b2cd1b8631145455b1c737edc44fb19dd1385be20e0721c0c56aa926bc1fa29478c308ea301955825afd3bea67681edf97c272a8e9a52c6c1aae2ad9c3506d26cac2ba2787b5ce0965ba937708815a50d474d8bae1eb3086997b5b5eebab4a643fc17fdbc2218db347b218470b3f25e3f70db6c62bc9', false, 'SECURED');
INSERT INTO public.host_result VALUES (4, '127.0.80.1', '220 lab.smtprc.test ESMTP', '(no extensions)', NULL, false, 'accepted relay test ''plain'' (RCPT TO:<relaytest@probe.smtprc.invalid>) and 5 more', 958, 1, 2525, '2026-12-02 00:03:32.855374+00', 1, '\x017801bd554d6fa33010bdf32b662bad7aa0206ca0012baa1aa55969a5ad5aa5dc567b20c54da3124cb1a9d4cbfef6b50dcb57d855c821dcc61ecf0cefcdbc41c4f1499ec6bbcc0dc9bca069fc2928175641455964b779c136d4e67b9117cff62efb88d35d72e3e28ee7b84b4016cbe5ea315add61ec12d3d9735812b85f7cff01dfd60ff79df7ffcd6498c8974f9f0860df01f656db32d47af91841f4d009345e8861e241047c5d1573b78816329e1354095cdf832d530761753fdf53cee32dbd821005b051b0dcc86b3c6b0b7a2f694913c325f2f4b7fc10410891ac4c538bd32ca185046a225a5ed8a0b57e5a453261279f0640d97d2c655918b755292f6d4f83692c826541c6a00602e43f0902e295c22be302e2b4a071f20982b1377daa9ba5f1662fa03a092e75775d5e419c25c032da3848f70fcaf54bdd7706261857306214129e33f662e532d33ee68216d62ec73e99b707b73f25ecb663078e8d7e4d84f93a18c0ac3ab4d366870dfbafbc12ebfe53654e42de43fd00da3e37f21eaa90779143725a3c4baa25e0c76b8227a969d4e3eb986cf4e9ea084478d0f26a023b64a07a224f908f83e1576230cace11351ba6ebf62bd3f6b9a972dd8a2a2915ef2513349946d48ccc2f1aa64645f3e278aa064c9d4e141a4c91b6bb444dab59eae640f6b57d6eaa905f51e5cfc826ceb6d388526237b27ebfb4e4f504b03b51edcaad9748bf6d95e0486c4f98a7c132aa7751b38ca7d46b98f5e6fdbbda95795e821009143f7f0076cce6d2', false, 'ACCEPTS_RELAY');
INSERT INTO public.host_result VALUES (3, '127.0.80.3', '220 lab.smtprc.test ESMTP', '(no extensions)', NULL, false, 'accepted relay test ''plain'' (RCPT TO:<relaytest@probe.smtprc.invalid>) and 5 more', 743, 3, 2525, '2026-12-02 00:03:33.046684+00', 1, '\x017801bd95516f9b3010c7dff914b74a531f28081b28604555a3349326ad6a95f236ed8114378d4a30c54ea5beecb3cf3629988476659a92b723f6ddf9ff3bff8d881792aac8d6a59f90494d8bec55502e9c9a8a6d5d5e56355b52976f4455dfbbebf2252bd6f9858f8d95c34b62329dcde6b7e9fc0aa388d8de86c38cc0f5f4fb0ff8b6b8b936f67f58c9d23bef08e0d003f6d48432d162769b427a63a4196ec3b291ac6cecc751d3c9d5349d5a368e9b7ffd308015b3ec40c532fd644339cf56f40c1214c352297261d961d2e57aded22dcd2d4cc2e4b7fc21821022e5b6281c4ecb9cd652a19132059d4c8bbb796ad9bbdede4ebe6bcd9050b6149c772d2979743c4a9f58a13104d2b1e340c9602702c8130902e291c223e302b2a2a659fe0a82b127fd55cf48bb9a3d801a2038d543757a065999032b69bb402e7fa15cefd4e326458cbd46448c12c22bc61e9c4a56da645cd0da5957382493eec3e54f8423d77363cff57f8d1439c2ed2c36226be2c6f1df26c090f9bdca961d057ded743c4e7dbf9f2156f1d1d5f71bf57de4918ad6f712b714fdf37610483cad717c1d728c3e32c31b127f8f07eeeba14229a841a32df417df50f7dce0babbf687bef1897e25e8c364c7858448d4300a12f2bc6582e6e308456472d22a37689527ef330af718ed39c6bf7bfb30ec96d1b88e2d7bcf0b55786c4ae70da53022cbac5c8d63a44c6ee0b5fdd271eb19df47b7e8bf111a4ed4121ad3efc153ac5ee663f3418acf1f1ecde3a9', false, 'ACCEPTS_RELAY');
INSERT INTO public.host_result VALUES (5, '127.0.80.1', '220 lab.smtprc.test ESMTP', '(no extensions)', NULL, false, 'accepted relay test ''plain'' (RCPT TO:<relaytest@probe.smtprc.invalid>) and 5 more', 265, 0, 2525, '2026-12-02 00:03:37.359183+00', 2, '\x017801bd555d6f9b30147de757dc559afa4041d84080aba86a9466d2a455add2bc4d7b20c54da3124c3154eacb7efb6c48a9c9602ddb14de2eba5f3ee7f898a0e3639ec6dbcc8d705ab0347e299928ad829555915de4055f335beccabcb8b3b7d9739c6e9373976a99fd2921cee6f3c5cd6a71498987a6b3133047b89a7dfd065f96d7575afd1f271975e52d02f51de08f4d281b2de7372b585d6b6dfad718aabf9cad668649e456b2b7eb7bb0e1863969969cee9810f1869d414442582b38ce0d33a44db25ae4a962154b0c8a21fd293f828410ccaa34b504cb125648784662e4052d46cbdbc5ca30a3b769ead82aece22757226e37a98e4781e3fbdd0e756c599071d88300f2442542f9c0e0818b12e2b46071f20225e78ff5df5a206d36bf07a51e38ad15757a06719600cf589b20d39f99a82b6bad49107dbf0191920845cef9bd95cb49bb5894acb0b639f571faf6e3e23ba181edd8a163931f23419e4c0e4056aafc5d5b9a4887e60ec9ea9f64795cdc093a0dec2e713067c59de459a2fd7113f0242fad5d7ceef3892e579a2344ee5822da41ffc92d3eb06f6b0fafd6a3dce2d81c9186232fc2a78a972c19c75080d39316b95e833c19e6283ae048b9a376590219761da99df40e47f4c074ea58b7ad713b1b666fc3e3324591ee5dcc0f701d679b7144298beb79683fb5900ed3f4ce5552a2fd3b9af68fa3ae7e9da431fb364fab261ea5a5e3124470a2aed22f7872e241', false, 'ACCEPTS_RELAY');
INSERT INTO public.host_result VALUES (6, '127.0.80.2', '220 lab.smtprc.test ESMTP', '(no extensions)', NULL, false, 'refused all 6 relay tests (554 relay denied)', 261, 0, 2525, '2026-12-02 00:03:39.469544+00', 3, '\x017801ad944d4f83401086effc8ab58927026117b6c0a669da544c343635949b310d2dab215240a0265efced2e1fa5808b29556e436667df7976de8144c1240e5c3f544d324968e07e6634cda4846687249cc549b4a572bacfe26427fbe1871bf8de54458d4c7e0a1c13dbbab7168e75b3993b1b7bf1e840ac1051d9a76041c0727ef7006eedd5b251e8d72b05112176744d00c20a88deaa9895ca4b0367d528c457248818961530d640d128f068e8534f4004c32ff641022124e12108a494861e4d589f9736aba975b3f6da7298deeaf65a7f1eb7514c0551ed6415f1a02e35b3b7cb71d525822649e3287a91e228cdf66e9ad144f26384c9e4f463f604912e2bb2a1c8e8f9520a63ad43c1683f621eb619f4091044d81980221e8406ebbd68b05e0e800a1512d36447c38c1139df121a63579be79ae79a364f9e3f4cd48155bde47162e0e5e6298e36cc732cf5d33c6768674f912b61e5384e824a095233c9fb21caa8370ca34e26a39a23d7c8a333409e164de9bd4aee11e41f38b6c7b7b2704d719874c6b107235b442545ac93ad1bbe0e6398db98b3b6af4e5c5bd6e68da2617446f1df08764c9c874d0f0f11ceb6652f3f35e7f70d940d2d90', false, 'SECURED');


--
-- Data for Name: job_execution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.job_execution VALUES (3, 3, NULL, '2026-12-02 00:03:37.168+00', '2026-12-02 00:03:37.21+00', '2026-12-02 00:03:50.033+00', '2026-12-02 00:03:50.263+00', 'COMPLETED', 'COMPLETED', 'chunkTimeoutSeconds = 215
chunkSize = 100
scanId = 3
', '"smtprc-operator');
INSERT INTO public.job_execution VALUES (2, 2, NULL, '2026-12-02 00:03:34.563+00', '2026-12-02 00:03:34.663+00', '2026-12-02 00:03:49.997+00', '2026-12-02 00:03:50.326+00', 'COMPLETED', 'COMPLETED', 'chunkTimeoutSeconds = 215
chunkSize = 100
scanId = 2
', '"smtprc-operator');
INSERT INTO public.job_execution VALUES (1, 1, NULL, '2026-12-02 00:03:28.51+00', '2026-12-02 00:03:28.819+00', '2026-12-02 00:03:50.037+00', '2026-12-02 00:03:50.338+00', 'COMPLETED', 'COMPLETED', 'chunkTimeoutSeconds = 215
chunkSize = 100
scanId = 1
', '"smtprc-operator');


--
-- Data for Name: job_instance; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.job_instance VALUES (1, NULL, 'relay-scan', 'smtprc.war');
INSERT INTO public.job_instance VALUES (2, NULL, 'relay-scan', 'smtprc.war');
INSERT INTO public.job_instance VALUES (3, NULL, 'relay-scan', 'smtprc.war');


--
-- Data for Name: notice; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.notice VALUES (1, 2, 27703, 'DIGEST', NULL, NULL, NULL, 'MailConnectException Couldn''t connect to host, port: localhost, 25; timeout 20000: ConnectException Connection refused', 'postmaster@probe.smtprc.invalid', '2026-12-02 00:03:47.572237+00', 2, NULL, 'FAILED', 'SmtpRC digest of scan 2: 0 proven relay(s)');
INSERT INTO public.notice VALUES (2, 3, 27702, 'DIGEST', NULL, NULL, NULL, 'MailConnectException Couldn''t connect to host, port: localhost, 25; timeout 20000: ConnectException Connection refused', 'postmaster@probe.smtprc.invalid', '2026-12-02 00:03:46.174319+00', 3, NULL, 'FAILED', 'SmtpRC digest of scan 3: 0 proven relay(s)');
INSERT INTO public.notice VALUES (3, 1, 27704, 'DIGEST', NULL, NULL, NULL, 'MailConnectException Couldn''t connect to host, port: localhost, 25; timeout 20000: ConnectException Connection refused', 'postmaster@probe.smtprc.invalid', '2026-12-02 00:03:46.148071+00', 1, NULL, 'FAILED', 'SmtpRC digest of scan 1: 0 proven relay(s)');


--
-- Data for Name: owner_network; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: partition_execution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.partition_execution VALUES (0, 2, NULL, 'COMPLETED', 'COMPLETED', NULL, NULL, '\xaced00057372000e6a6176612e6c616e672e4c6f6e673b8be490cc8f23df0200014a000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078700000000000000001', NULL);
INSERT INTO public.partition_execution VALUES (2, 2, NULL, 'COMPLETED', 'COMPLETED', NULL, NULL, '\xaced00057372000e6a6176612e6c616e672e4c6f6e673b8be490cc8f23df0200014a000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078700000000000000003', NULL);
INSERT INTO public.partition_execution VALUES (1, 2, NULL, 'COMPLETED', 'COMPLETED', NULL, NULL, '\xaced00057372000e6a6176612e6c616e672e4c6f6e673b8be490cc8f23df0200014a000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078700000000000000002', NULL);
INSERT INTO public.partition_execution VALUES (3, 2, NULL, 'COMPLETED', 'COMPLETED', NULL, NULL, '\xaced00057372000e6a6176612e6c616e672e4c6f6e673b8be490cc8f23df0200014a000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078700000000000000004', NULL);
INSERT INTO public.partition_execution VALUES (0, 6, NULL, 'COMPLETED', 'COMPLETED', NULL, NULL, '\xaced00057372000e6a6176612e6c616e672e4c6f6e673b8be490cc8f23df0200014a000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078700000000000000001', NULL);
INSERT INTO public.partition_execution VALUES (0, 10, NULL, 'COMPLETED', 'COMPLETED', NULL, NULL, '\xaced00057372000e6a6176612e6c616e672e4c6f6e673b8be490cc8f23df0200014a000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078700000000000000001', NULL);


--
-- Data for Name: quarantine_tally; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: quarantined_mail; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.quarantined_mail VALUES (2, NULL, NULL, 'Received: from junk1.smtprc.test ([127.0.0.1])
	by scanner.smtprc.test (SmtpRC receiver) with ESMTP id ab99b396-b61;
	Wed, 2 Dec 2026 00:03:47 GMT
Subject: junk 1
From: junk@sender.smtprc.test', 'junk1@sender.smtprc.test', NULL, '127.0.0.1', NULL, 'no SmtpRC token in the message', '2026-12-02 00:03:47.5+00', NULL);
INSERT INTO public.quarantined_mail VALUES (3, NULL, NULL, 'Received: from junk2.smtprc.test ([127.0.0.1])
	by scanner.smtprc.test (SmtpRC receiver) with ESMTP id 90179242-168;
	Wed, 2 Dec 2026 00:03:47 GMT
Subject: junk 2
From: junk@sender.smtprc.test', 'junk2@sender.smtprc.test', NULL, '127.0.0.1', NULL, 'no SmtpRC token in the message', '2026-12-02 00:03:47.724+00', NULL);
INSERT INTO public.quarantined_mail VALUES (1, NULL, NULL, 'Received: from junk0.smtprc.test ([127.0.0.1])
	by scanner.smtprc.test (SmtpRC receiver) with ESMTP id d8340c97-aee;
	Wed, 2 Dec 2026 00:03:44 GMT
Subject: junk 0
From: junk@sender.smtprc.test', 'junk0@sender.smtprc.test', NULL, '127.0.0.1', NULL, 'no SmtpRC token in the message', '2026-12-02 00:03:44.798+00', NULL);


--
-- Data for Name: recheck; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: recheck_host; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: scan; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scan VALUES (1, 4, '2026-12-02 00:03:26.655894+00', 4, 27690, 1, '2026-12-02 00:03:39.817588+00', NULL, 100, 15000, 3000, 5000, 300000, 'scanner.smtprc.test', 90000, false, false, 8, false, true, 27691, '2525', '2026-12-02 00:03:35.496569+00', '2026-12-02 00:03:30.480824+00', 'quick', NULL, '127.0.0.1', NULL, NULL, 'COMPLETED', NULL, 27692);
INSERT INTO public.scan VALUES (3, 1, '2026-12-02 00:03:36.892189+00', 1, 27696, 3, '2026-12-02 00:03:42.258892+00', NULL, 100, 15000, 3000, 5000, 300000, 'scanner.smtprc.test', 90000, false, false, 8, false, true, 27697, '2525', '2026-12-02 00:03:40.84268+00', '2026-12-02 00:03:38.214933+00', 'quick', NULL, '127.0.0.1', NULL, NULL, 'COMPLETED', NULL, 27698);
INSERT INTO public.scan VALUES (2, 1, '2026-12-02 00:03:34.354308+00', 1, 27699, 2, '2026-12-02 00:03:43.541389+00', NULL, 100, 15000, 3000, 5000, 300000, 'scanner.smtprc.test', 90000, false, false, 8, false, true, 27700, '2525', '2026-12-02 00:03:38.947026+00', '2026-12-02 00:03:36.391393+00', 'quick', NULL, '127.0.0.1', NULL, NULL, 'COMPLETED', NULL, 27701);


--
-- Data for Name: scan_block; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scan_block VALUES (1, 1, 1, 0, 1, 1, 1, 0, 0);
INSERT INTO public.scan_block VALUES (3, 3, 3, 2, 0, 1, 1, 2, 0);
INSERT INTO public.scan_block VALUES (2, 2, 2, 1, 0, 1, 1, 1, 0);
INSERT INTO public.scan_block VALUES (4, 4, 4, 3, 0, 1, 1, 3, 0);
INSERT INTO public.scan_block VALUES (5, 1, 1, 0, 0, 1, 2, 0, 0);
INSERT INTO public.scan_block VALUES (6, 1, 1, 0, 0, 1, 3, 0, 0);


--
-- Data for Name: scan_schedule; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: scan_schedule_run; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: step_execution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.step_execution VALUES (1, 1, NULL, 'plan-scan', '2026-12-02 00:03:29.23+00', '2026-12-02 00:03:30.906+00', 'COMPLETED', 'PLANNED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (2, 1, NULL, 'probe-hosts', '2026-12-02 00:03:30.959+00', '2026-12-02 00:03:34.059+00', 'COMPLETED', 'COMPLETED', NULL, NULL, 4, 4, 4, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (3, 1, NULL, 'retry-greylisted', '2026-12-02 00:03:34.081+00', '2026-12-02 00:03:34.997+00', 'COMPLETED', 'NONE_GREYLISTED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (4, 2, NULL, 'plan-scan', '2026-12-02 00:03:34.957+00', '2026-12-02 00:03:36.642+00', 'COMPLETED', 'PLANNED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (6, 2, NULL, 'probe-hosts', '2026-12-02 00:03:36.743+00', '2026-12-02 00:03:38.034+00', 'COMPLETED', 'COMPLETED', NULL, NULL, 1, 1, 1, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (8, 2, NULL, 'retry-greylisted', '2026-12-02 00:03:38.057+00', '2026-12-02 00:03:38.416+00', 'COMPLETED', 'NONE_GREYLISTED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (7, 3, NULL, 'plan-scan', '2026-12-02 00:03:37.436+00', '2026-12-02 00:03:38.498+00', 'COMPLETED', 'PLANNED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (5, 1, NULL, 'await-confirmations', '2026-12-02 00:03:35.124+00', '2026-12-02 00:03:39.563+00', 'COMPLETED', 'WINDOW_ENDED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (10, 3, NULL, 'probe-hosts', '2026-12-02 00:03:38.662+00', '2026-12-02 00:03:40.012+00', 'COMPLETED', 'COMPLETED', NULL, NULL, 1, 1, 1, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (12, 3, NULL, 'retry-greylisted', '2026-12-02 00:03:40.044+00', '2026-12-02 00:03:40.525+00', 'COMPLETED', 'NONE_GREYLISTED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (13, 3, NULL, 'await-confirmations', '2026-12-02 00:03:40.58+00', '2026-12-02 00:03:41.774+00', 'COMPLETED', 'ALL_CONFIRMED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (9, 2, NULL, 'await-confirmations', '2026-12-02 00:03:38.499+00', '2026-12-02 00:03:43.121+00', 'COMPLETED', 'WINDOW_ENDED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (14, 3, NULL, 'write-report', '2026-12-02 00:03:41.875+00', '2026-12-02 00:03:49.945+00', 'COMPLETED', 'REPORTED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (11, 1, NULL, 'write-report', '2026-12-02 00:03:39.648+00', '2026-12-02 00:03:49.949+00', 'COMPLETED', 'REPORTED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);
INSERT INTO public.step_execution VALUES (15, 2, NULL, 'write-report', '2026-12-02 00:03:43.164+00', '2026-12-02 00:03:49.957+00', 'COMPLETED', 'REPORTED', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL);


--
-- Name: audit_entry_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_entry_seq', 3, true);


--
-- Name: confirmation_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.confirmation_seq', 1, false);


--
-- Name: host_result_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.host_result_seq', 51, true);


--
-- Name: job_execution_jobexecutionid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.job_execution_jobexecutionid_seq', 3, true);


--
-- Name: job_instance_jobinstanceid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.job_instance_jobinstanceid_seq', 3, true);


--
-- Name: notice_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notice_seq', 11, true);


--
-- Name: owner_network_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.owner_network_seq', 1, false);


--
-- Name: quarantined_mail_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.quarantined_mail_seq', 3, true);


--
-- Name: recheck_host_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.recheck_host_seq', 1, false);


--
-- Name: recheck_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.recheck_seq', 1, false);


--
-- Name: scan_block_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scan_block_seq', 21, true);


--
-- Name: scan_schedule_run_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scan_schedule_run_seq', 1, false);


--
-- Name: scan_schedule_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scan_schedule_seq', 1, false);


--
-- Name: scan_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scan_seq', 3, true);


--
-- Name: step_execution_stepexecutionid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.step_execution_stepexecutionid_seq', 15, true);


--
-- Data for Name: BLOBS; Type: BLOBS; Schema: -; Owner: -
--

BEGIN;

SELECT pg_catalog.lo_open('27666', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27667', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27668', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e302f3330');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27669', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27670', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27671', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e302f3330');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27672', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27673', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27674', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e31');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27675', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27676', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27677', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e302f3330');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27678', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27679', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27680', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e31');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27681', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27682', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27683', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e32');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27684', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27685', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27686', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e32');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27687', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27688', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27689', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e31');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27690', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27691', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27692', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e302f3330');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27693', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27694', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27695', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e32');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27696', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27697', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27698', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e32');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27699', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27700', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27701', 131072);
SELECT pg_catalog.lowrite(0, '\x3132372e302e38302e31');
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27702', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27703', 131072);
SELECT pg_catalog.lo_close(0);

SELECT pg_catalog.lo_open('27704', 131072);
SELECT pg_catalog.lo_close(0);

COMMIT;

--
-- Name: audit_entry audit_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_pkey PRIMARY KEY (id);


--
-- Name: authorised_networks authorised_networks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.authorised_networks
    ADD CONSTRAINT authorised_networks_pkey PRIMARY KEY (id);


--
-- Name: confirmation confirmation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.confirmation
    ADD CONSTRAINT confirmation_pkey PRIMARY KEY (id);


--
-- Name: host_result host_result_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.host_result
    ADD CONSTRAINT host_result_pkey PRIMARY KEY (id);


--
-- Name: job_execution job_execution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_execution
    ADD CONSTRAINT job_execution_pkey PRIMARY KEY (jobexecutionid);


--
-- Name: job_instance job_instance_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_instance
    ADD CONSTRAINT job_instance_pkey PRIMARY KEY (jobinstanceid);


--
-- Name: notice notice_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notice
    ADD CONSTRAINT notice_pkey PRIMARY KEY (id);


--
-- Name: owner_network owner_network_network; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.owner_network
    ADD CONSTRAINT owner_network_network UNIQUE (network);


--
-- Name: owner_network owner_network_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.owner_network
    ADD CONSTRAINT owner_network_pkey PRIMARY KEY (id);


--
-- Name: partition_execution partition_execution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partition_execution
    ADD CONSTRAINT partition_execution_pkey PRIMARY KEY (partitionexecutionid, stepexecutionid);


--
-- Name: quarantine_tally quarantine_tally_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarantine_tally
    ADD CONSTRAINT quarantine_tally_pkey PRIMARY KEY (kind);


--
-- Name: quarantined_mail quarantined_mail_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarantined_mail
    ADD CONSTRAINT quarantined_mail_pkey PRIMARY KEY (id);


--
-- Name: recheck_host recheck_host_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recheck_host
    ADD CONSTRAINT recheck_host_pkey PRIMARY KEY (id);


--
-- Name: recheck recheck_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recheck
    ADD CONSTRAINT recheck_pkey PRIMARY KEY (id);


--
-- Name: scan_block scan_block_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scan_block
    ADD CONSTRAINT scan_block_pkey PRIMARY KEY (id);


--
-- Name: scan scan_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scan
    ADD CONSTRAINT scan_pkey PRIMARY KEY (id);


--
-- Name: scan_schedule scan_schedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scan_schedule
    ADD CONSTRAINT scan_schedule_pkey PRIMARY KEY (id);


--
-- Name: scan_schedule_run scan_schedule_run_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scan_schedule_run
    ADD CONSTRAINT scan_schedule_run_pkey PRIMARY KEY (id);


--
-- Name: step_execution step_execution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.step_execution
    ADD CONSTRAINT step_execution_pkey PRIMARY KEY (stepexecutionid);


--
-- Name: host_result uk1pioic2itt68dv4n6bwisbr15; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.host_result
    ADD CONSTRAINT uk1pioic2itt68dv4n6bwisbr15 UNIQUE (scan_id, address, port);


--
-- Name: confirmation ukq7pjqpc1u0bef3fbknt0v7j6q; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.confirmation
    ADD CONSTRAINT ukq7pjqpc1u0bef3fbknt0v7j6q UNIQUE (scan_id, address, port, form);


--
-- Name: scan_block ukrgnd7i1swm4si1kwudau6vve2; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scan_block
    ADD CONSTRAINT ukrgnd7i1swm4si1kwudau6vve2 UNIQUE (scan_id, block_number);


--
-- Name: audit_entry_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_entry_at ON public.audit_entry USING btree (at);


--
-- Name: confirmation_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX confirmation_pending ON public.confirmation USING btree (scan_id, applied);


--
-- Name: host_result_address; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX host_result_address ON public.host_result USING btree (address);


--
-- Name: host_result_scan_endpoint; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX host_result_scan_endpoint ON public.host_result USING btree (scan_id, endpoint_index);


--
-- Name: host_result_scan_verdict; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX host_result_scan_verdict ON public.host_result USING btree (scan_id, verdict);


--
-- Name: notice_about_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notice_about_scan ON public.notice USING btree (about_scan_id);


--
-- Name: notice_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notice_scan ON public.notice USING btree (scan_id);


--
-- Name: quarantined_mail_received; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX quarantined_mail_received ON public.quarantined_mail USING btree (received_at);


--
-- Name: recheck_host_address; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recheck_host_address ON public.recheck_host USING btree (address);


--
-- Name: recheck_host_outcome; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recheck_host_outcome ON public.recheck_host USING btree (outcome);


--
-- Name: recheck_host_recheck; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recheck_host_recheck ON public.recheck_host USING btree (recheck_id);


--
-- Name: recheck_original; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recheck_original ON public.recheck USING btree (original_scan_id);


--
-- Name: recheck_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recheck_scan ON public.recheck USING btree (recheck_scan_id);


--
-- Name: recheck_state_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recheck_state_due ON public.recheck USING btree (state, due_at);


--
-- Name: scan_schedule_run_schedule; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX scan_schedule_run_schedule ON public.scan_schedule_run USING btree (schedule_id);


--
-- Name: job_execution fk_job_execution_job_instance; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_execution
    ADD CONSTRAINT fk_job_execution_job_instance FOREIGN KEY (jobinstanceid) REFERENCES public.job_instance(jobinstanceid) ON DELETE CASCADE;


--
-- Name: partition_execution fk_partition_exe_step_exe; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partition_execution
    ADD CONSTRAINT fk_partition_exe_step_exe FOREIGN KEY (stepexecutionid) REFERENCES public.step_execution(stepexecutionid) ON DELETE CASCADE;


--
-- Name: step_execution fk_step_exe_job_exe; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.step_execution
    ADD CONSTRAINT fk_step_exe_job_exe FOREIGN KEY (jobexecutionid) REFERENCES public.job_execution(jobexecutionid) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


CREATE TABLE public.installation_key (
    key_bytes bytea NOT NULL,
    name character varying(32) NOT NULL,
    PRIMARY KEY (name)
);
INSERT INTO public.installation_key VALUES ('\x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'token-hmac');
