package dev.caravan.model;

/** An event that starts a sequence: a dbt Cloud job succeeding, or another sequence finishing well. */
public record TriggerSpec(DbtCloudTrigger dbtCloud, String after) {

    /** Run the sequence when dbt Cloud job {@code jobId} finishes successfully. */
    public record DbtCloudTrigger(Long jobId) {
    }
}
