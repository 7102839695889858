/** Saving and loading networks in Lanes' own checksummed binary format ({@link dev.lanes.network.io.ModelFile}). */
package dev.lanes.network.io;
