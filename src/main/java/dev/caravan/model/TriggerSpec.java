package dev.caravan.model;

/** An external trigger of a sequence. Today: a dbt Cloud job completing. */
public record TriggerSpec(DbtCloudTrigger dbtCloud) {

    /** Run the sequence when dbt Cloud job {@code jobId} finishes successfully. */
    public record DbtCloudTrigger(Long jobId) {
    }
}
