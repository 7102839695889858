/**
 * A trained model as it travels between training and use: the {@link dev.lanes.network.Network}, the
 * {@link dev.lanes.network.model.InputScaling} its inputs were given in training, the names of its classes and the
 * {@link dev.lanes.network.model.Provenance} of the run that made it. {@link dev.lanes.network.io.ModelFile} saves
 * and loads all of it.
 */
package dev.lanes.network.model;
