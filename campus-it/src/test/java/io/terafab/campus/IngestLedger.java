package io.terafab.campus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.contract.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Every record an abuse run sends, and what each consumer of its topic must do with it: apply it,
 * drop it as a duplicate, or dead-letter it with a given reason. The expected dead letters and
 * metric increases are derived from this one list, so a record added to a topic's stream is
 * accounted for everywhere at once.
 */
final class IngestLedger {

    /** Payloads above the twin's limit of 256 KiB and below the broker's 1 MB. */
    static final int OVERSIZED_BYTES = 300_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One consumer of a topic: a service and its channel. */
    record Channel(String service, String name) {}

    enum Outcome {
        APPLIED,
        DUPLICATE,
        REJECTED
    }

    /** What one consumer does with one record; {@code reason} is the dead-letter code of a rejection. */
    record Fate(Outcome outcome, String reason) {

        static final Fate APPLIED = new Fate(Outcome.APPLIED, null);
        static final Fate DUPLICATE = new Fate(Outcome.DUPLICATE, null);

        static Fate rejected(String reason) {
            return new Fate(Outcome.REJECTED, reason);
        }
    }

    /**
     * A record as sent.
     *
     * @param id its {@code ce_id}, or null for a record without one (then its payload identifies it)
     * @param probe sent after the abuse, to prove the channel still consumes
     */
    record Sent(
            String topic, ProducerRecord<String, String> record, String id, Map<Channel, Fate> fates, boolean probe) {

        String identity() {
            return id != null ? id : record.value();
        }
    }

    /** A dead letter as a consumer must have written it: by which service, of which record, why. */
    record DeadLetter(String service, String identity, String reason, String value) {}

    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, List<Channel>> channelsByTopic = new LinkedHashMap<>();
    private final String runId;
    private int nextId;
    private int sentUpTo;

    IngestLedger(String runId) {
        this.runId = runId;
    }

    /** The stream of one topic, read by the given consumers. */
    TopicStream topic(String topic, Channel... channels) {
        channelsByTopic.put(topic, List.of(channels));
        return new TopicStream(topic, List.of(channels));
    }

    List<String> topics() {
        return List.copyOf(channelsByTopic.keySet());
    }

    List<Channel> channels() {
        return channelsByTopic.values().stream()
                .flatMap(List::stream)
                .distinct()
                .toList();
    }

    /** The records added since the last call, in the order added: the next ones to send. */
    List<ProducerRecord<String, String>> takeUnsent() {
        List<ProducerRecord<String, String>> records =
                sent.subList(sentUpTo, sent.size()).stream().map(Sent::record).toList();
        sentUpTo = sent.size();
        return records;
    }

    List<DeadLetter> deadLetters(String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        for (Sent s : sent) {
            if (s.topic().equals(topic)) {
                s.fates().forEach((channel, fate) -> {
                    if (fate.outcome() == Outcome.REJECTED) {
                        letters.add(new DeadLetter(
                                channel.service(),
                                s.identity(),
                                fate.reason(),
                                s.record().value()));
                    }
                });
            }
        }
        return letters;
    }

    /** Records of a consumer that end as {@code outcome}, by dead-letter reason (one entry, null, for the others). */
    Map<String, Long> count(Channel channel, Outcome outcome, boolean withProbes) {
        Map<String, Long> counts = new TreeMap<>();
        for (Sent s : sent) {
            Fate fate = s.fates().get(channel);
            if (fate != null && fate.outcome() == outcome && (withProbes || !s.probe())) {
                counts.merge(String.valueOf(fate.reason()), 1L, Long::sum);
            }
        }
        return counts;
    }

    long total(Channel channel, Outcome outcome, boolean withProbes) {
        return count(channel, outcome, withProbes).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    String newId(String what) {
        return runId + "-" + what + "-" + (++nextId);
    }

    static String json(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            fields.put((String) keysAndValues[i], value instanceof Instant t ? t.toString() : value);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A record with exactly the given headers (an envelope, a part of one, or none). */
    static ProducerRecord<String, String> record(String topic, String key, Map<String, String> headers, String value) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, value, recordHeaders);
    }

    /** A complete CloudEvents 1.0 envelope in binary mode; {@code ce_subject} only with a key. */
    static Map<String, String> envelope(String key, String type, String id, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_type", type);
        headers.put("ce_source", "abuse-it");
        headers.put("ce_time", time.toString());
        if (key != null) {
            headers.put("ce_subject", key);
        }
        return headers;
    }

    /** The records of one topic, in the order they are sent. */
    final class TopicStream {

        private final String topic;
        private final List<Channel> channels;

        private TopicStream(String topic, List<Channel> channels) {
            this.topic = topic;
            this.channels = channels;
        }

        /** A valid event every consumer applies. */
        Sent good(String key, String type, Instant time, String json) {
            return add(event(key, type, newId("good"), time, json), allOf(Fate.APPLIED), false);
        }

        /** A valid event sent after the abuse: every consumer applies it. */
        Sent probe(String key, String type, Instant time, String json) {
            return add(event(key, type, newId("probe"), time, json), allOf(Fate.APPLIED), true);
        }

        /** An event every consumer rejects with {@code reason}. */
        Sent bad(String reason, String key, String type, Instant time, String json) {
            return add(event(key, type, newId("bad"), time, json), allOf(Fate.rejected(reason)), false);
        }

        /** An event each consumer treats its own way (a budget is judged by the consumer it names only). */
        Sent event(Map<Channel, Fate> fates, String key, String type, Instant time, String json) {
            return add(event(key, type, newId("event"), time, json), fates, false);
        }

        /** The very same record again: dropped as a duplicate wherever the original was applied. */
        Sent replay(Sent original) {
            ProducerRecord<String, String> r = original.record();
            return add(
                    new ProducerRecord<>(
                            topic,
                            null,
                            r.key(),
                            r.value(),
                            new RecordHeaders(r.headers().toArray())),
                    original.id(),
                    sameWhereApplied(original, Fate.DUPLICATE),
                    false);
        }

        /** Another event under the id of one applied: rejected as {@code duplicate-id} wherever that one was applied. */
        Sent reusedId(Sent original, String otherJson) {
            ProducerRecord<String, String> r = original.record();
            return add(
                    new ProducerRecord<>(
                            topic,
                            null,
                            r.key(),
                            otherJson,
                            new RecordHeaders(r.headers().toArray())),
                    original.id(),
                    sameWhereApplied(original, Fate.rejected("duplicate-id")),
                    false);
        }

        /**
         * The envelope and encoding faults any topic can receive, each rejected by every consumer:
         * broken JSON, JSON that is not an object, no envelope at all (with a key and without),
         * an envelope without {@code ce_type}, an unreadable {@code ce_time}, a type the topic does
         * not carry, a payload over the size limit, and an empty payload. {@code validJson} is a
         * valid event of the topic, so only the fault makes each record bad.
         */
        void malformations(String key, String type, Instant time, String validJson) {
            bad("malformed", key, type, time, validJson.substring(0, validJson.length() / 2));
            bad("malformed", key, type, time, "[" + validJson + "]");
            String bare = validJson.replaceFirst("\\{", "{\"note\":\"" + newId("no-envelope") + "\",");
            add(record(topic, key, Map.of(), bare), null, allOf(Fate.rejected("missing-envelope")), false);
            String bareNoKey = validJson.replaceFirst("\\{", "{\"note\":\"" + newId("no-envelope-no-key") + "\",");
            add(record(topic, null, Map.of(), bareNoKey), null, allOf(Fate.rejected("missing-envelope")), false);
            String noType = newId("no-type");
            Map<String, String> withoutType = new LinkedHashMap<>(envelope(key, type, noType, time));
            withoutType.remove("ce_type");
            add(record(topic, key, withoutType, validJson), noType, allOf(Fate.rejected("missing-envelope")), false);
            String badTime = newId("bad-time");
            Map<String, String> unreadableTime = new LinkedHashMap<>(envelope(key, type, badTime, time));
            unreadableTime.put("ce_time", "yesterday");
            add(
                    record(topic, key, unreadableTime, validJson),
                    badTime,
                    allOf(Fate.rejected("missing-envelope")),
                    false);
            bad("unsupported-type", key, EventTypes.JOB_QUEUED, time, validJson);
            bad(
                    "oversized",
                    key,
                    type,
                    time,
                    validJson.replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(OVERSIZED_BYTES) + "\","));
            bad("malformed", key, type, time, "");
        }

        private ProducerRecord<String, String> event(String key, String type, String id, Instant time, String json) {
            return record(topic, key, envelope(key, type, id, time), json);
        }

        private Sent add(ProducerRecord<String, String> record, Map<Channel, Fate> fates, boolean probe) {
            String id = record.headers().lastHeader("ce_id") == null
                    ? null
                    : new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            return add(record, id, fates, probe);
        }

        private Sent add(ProducerRecord<String, String> record, String id, Map<Channel, Fate> fates, boolean probe) {
            if (!fates.keySet().equals(new HashSet<>(channels))) {
                throw new IllegalArgumentException(
                        "fates " + fates.keySet() + " are not those of " + topic + "'s consumers " + channels);
            }
            Sent s = new Sent(topic, record, id, Map.copyOf(fates), probe);
            sent.add(s);
            return s;
        }

        private Map<Channel, Fate> allOf(Fate fate) {
            Map<Channel, Fate> fates = new LinkedHashMap<>();
            channels.forEach(c -> fates.put(c, fate));
            return fates;
        }

        private Map<Channel, Fate> sameWhereApplied(Sent original, Fate fate) {
            Map<Channel, Fate> fates = new LinkedHashMap<>();
            original.fates().forEach((c, f) -> fates.put(c, f.outcome() == Outcome.APPLIED ? fate : f));
            return fates;
        }
    }
}
