package dev.lanes.cli;

import dev.lanes.network.LossKind;
import dev.lanes.network.Network;
import dev.lanes.network.train.LearningRateScales;
import dev.lanes.network.train.Trainer;
import java.util.Locale;
import java.util.Set;

/**
 * The loss, target and sampling choices of {@code lanes train}, for the tricks of Efficient BackProp and the
 * reference run's batch drawing: {@code --loss}, {@code --targets}, {@code --lr-per-layer}, {@code --sampling}.
 */
record TrainChoices(LossKind loss, boolean plusMinusOne, boolean lrPerLayerFanIn, Trainer.Sampling sampling) {
    static final Set<String> VALUED = Set.of("loss", "targets", "lr-per-layer", "sampling");
    static final TrainChoices DEFAULTS = new TrainChoices(LossKind.SOFTMAX_CROSS_ENTROPY, false, false,
            Trainer.Sampling.SHUFFLE);

    static TrainChoices parse(Args a) throws UsageException {
        LossKind loss = switch (a.get("loss", "softmax").toLowerCase(Locale.ROOT)) {
            case "softmax", "softmax-cross-entropy" -> LossKind.SOFTMAX_CROSS_ENTROPY;
            case "mse" -> LossKind.MEAN_SQUARED_ERROR;
            default -> throw new UsageException("train: --loss is softmax or mse, got '" + a.get("loss", "") + "'");
        };
        boolean pm1 = switch (a.get("targets", "onehot").toLowerCase(Locale.ROOT)) {
            case "onehot" -> false;
            case "pm1" -> true;
            default -> throw new UsageException("train: --targets is onehot or pm1, got '" + a.get("targets", "") + "'");
        };
        if (pm1 && loss != LossKind.MEAN_SQUARED_ERROR) {
            throw new UsageException("train: --targets pm1 needs --loss mse (softmax cross-entropy takes one-hot targets)");
        }
        boolean fanIn = switch (a.get("lr-per-layer", "none").toLowerCase(Locale.ROOT)) {
            case "none" -> false;
            case "fan-in" -> true;
            default -> throw new UsageException("train: --lr-per-layer is fan-in or none, got '"
                    + a.get("lr-per-layer", "") + "'");
        };
        Trainer.Sampling sampling = switch (a.get("sampling", "shuffle").toLowerCase(Locale.ROOT)) {
            case "shuffle" -> Trainer.Sampling.SHUFFLE;
            case "replacement" -> Trainer.Sampling.WITH_REPLACEMENT;
            default -> throw new UsageException("train: --sampling is shuffle or replacement, got '"
                    + a.get("sampling", "") + "'");
        };
        return new TrainChoices(loss, pm1, fanIn, sampling);
    }

    /** Sets the network's per-layer rates and the trainer's targets and sampling as chosen. */
    void apply(Network network, Trainer.Builder trainer) {
        if (lrPerLayerFanIn) {
            LearningRateScales.fanIn(network);
        }
        if (plusMinusOne) {
            trainer.classTargets(-1, 1);
        }
        trainer.sampling(sampling);
    }

    /** The non-default choices, e.g. {@code ", mse pm1, lr per layer 1/sqrt(fan-in)"}; empty for the defaults. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (loss == LossKind.MEAN_SQUARED_ERROR) {
            s.append(", mse ").append(plusMinusOne ? "pm1" : "onehot");
        }
        if (lrPerLayerFanIn) {
            s.append(", lr per layer 1/sqrt(fan-in)");
        }
        if (sampling == Trainer.Sampling.WITH_REPLACEMENT) {
            s.append(", batches with replacement");
        }
        return s.toString();
    }
}
