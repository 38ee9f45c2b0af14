/**
 * tgdl's settings: {@link dev.tgdl.config.Config}, layered by {@link dev.tgdl.config.ConfigLoader}
 * from built-in defaults ({@code defaults.yaml}), config.yaml and {@code TGDL_*} variables, every
 * error a {@link dev.tgdl.config.ConfigException} naming the key and where its value came from; the
 * {@link dev.tgdl.config.Profile} and its folders; and the parsers of human values
 * ({@link dev.tgdl.config.DataSizes}, {@link dev.tgdl.config.Durations},
 * {@link dev.tgdl.config.ProxySpec}) that the command line and the simulator's scenarios share, with
 * their Jackson deserializers ({@link dev.tgdl.config.ValueTexts}) for config.yaml and scenarios alike.
 *
 * <p>May import: {@code download} (only Policies, to check the names of download.policy).
 */
package dev.tgdl.config;
