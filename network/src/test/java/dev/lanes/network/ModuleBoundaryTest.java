package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanes.numerics.Acceleration;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which side of the module boundary the tests run on. The module-path execution (network/pom.xml) sets
 * {@code lanes.modulePath}: there network is the named module {@code dev.lanes.network}, exporting its API and
 * reading numerics' API but not numerics' kernels. In the class-path executions everything is in the unnamed
 * module, which this checks too, so that the property cannot be set without the module path behind it.
 */
class ModuleBoundaryTest {
    private static final boolean MODULE_PATH = Boolean.getBoolean("lanes.modulePath");

    @Test
    void networkIsTheNamedModuleExactlyOnTheModulePath() {
        Module network = Network.class.getModule();
        assertEquals(MODULE_PATH, network.isNamed(), network::toString);
        if (MODULE_PATH) {
            assertEquals("dev.lanes.network", network.getName());
            Set<String> exported = network.getDescriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("dev.lanes.network", "dev.lanes.network.data", "dev.lanes.network.interchange",
                    "dev.lanes.network.io", "dev.lanes.network.layer", "dev.lanes.network.metrics",
                    "dev.lanes.network.model", "dev.lanes.network.train"), exported);
        }
    }

    @Test
    void numericsExportsItsApiButNotItsKernelsOnTheModulePath() throws ClassNotFoundException {
        Module numerics = Class.forName("dev.lanes.numerics.kernel.KernelProvider").getModule();
        assertEquals(MODULE_PATH, numerics.isNamed(), numerics::toString);
        assertTrue(Network.class.getModule().canRead(numerics));
        assertTrue(numerics.isExported("dev.lanes.numerics"));
        // the unnamed module exports every package, so only the module path can tell
        assertEquals(!MODULE_PATH, numerics.isExported("dev.lanes.numerics.kernel"));
        assertEquals(!MODULE_PATH, numerics.isExported("dev.lanes.numerics.gemm"));
    }

    @Test
    void theVectorKernelsRunOnTheModulePath() {
        assumeTrue(MODULE_PATH && System.getProperty("lanes.kernels") == null, "only on the module path, unforced");
        // numerics only "requires static" the incubator module: the execution's --add-modules resolves it
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertEquals("vector", Acceleration.implementation(), Acceleration.describe());
    }
}
