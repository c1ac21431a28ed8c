package dev.caravan.ops.jmx;

/** Whether the MBeans' operations may run: off unless {@code caravan.jmx.operations-enabled=true}. */
record Operations(boolean enabled) {

    void check(String operation) {
        if (!enabled) {
            throw new UnsupportedOperationException(operation + " is disabled: set caravan.jmx.operations-enabled=true to allow"
                    + " operations over JMX");
        }
    }
}
