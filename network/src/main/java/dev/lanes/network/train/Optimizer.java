package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import java.util.Collection;

/** Updates parameters in place from their gradients; called once per training iteration. */
public interface Optimizer {
    /** One update of every parameter from its current {@link Parameter#gradient()}. */
    void step(Collection<Parameter> params);
}
