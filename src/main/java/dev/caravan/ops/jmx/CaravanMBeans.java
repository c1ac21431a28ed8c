package dev.caravan.ops.jmx;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;
import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.runtime.sequence.SequenceSwitches;
import dev.caravan.state.SequenceHistory;
import org.apache.camel.support.service.ServiceSupport;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers one MXBean per sync and per sequence in the platform MBean server, beside Camel's own
 * route MBeans: {@code dev.caravan:type=Sync,name=<id>} and {@code dev.caravan:type=Sequence,name=<id>}.
 * Jolokia on the management port reads them; operations run only when configured.
 */
public final class CaravanMBeans extends ServiceSupport {
    public static final String DOMAIN = "dev.caravan";

    private final LiveConfig config;
    private final SyncStatusService statuses;
    private final SyncRunner syncs;
    private final SequenceRunner sequences;
    private final SequenceHistory history;
    private final SequenceSwitches switches;
    private final Operations operations;
    private final List<ObjectName> registered = new ArrayList<>();

    public CaravanMBeans(LiveConfig config, SyncStatusService statuses, SyncRunner syncs, SequenceRunner sequences, SequenceHistory history,
                         SequenceSwitches switches, boolean operationsEnabled) {
        this.config = config;
        this.statuses = statuses;
        this.syncs = syncs;
        this.sequences = sequences;
        this.history = history;
        this.switches = switches;
        this.operations = new Operations(operationsEnabled);
    }

    public static ObjectName name(String type, String id) throws Exception {
        return new ObjectName(DOMAIN + ":type=" + type + ",name=" + ObjectName.quote(id));
    }

    @Override
    protected void doStart() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (SyncDefinition sync : config.current().syncs()) {
            register(server, name("Sync", sync.id()), new SyncBean(sync.id(), statuses, syncs, operations));
        }
        for (SequenceDefinition sequence : config.current().sequences()) {
            register(server, name("Sequence", sequence.id()), new SequenceBean(sequence, sequences, history, switches, operations));
        }
    }

    private void register(MBeanServer server, ObjectName name, Object bean) throws Exception {
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(bean, name);
        registered.add(name);
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        }
        registered.clear();
    }
}
