/**
 * Where a downloaded file goes: {@link dev.tgdl.naming.PathTemplate} parses {@code --template} and
 * renders a file's {@link dev.tgdl.naming.TemplateValues} into a relative path,
 * {@link dev.tgdl.naming.FileNames} turns each component (hostile input from Telegram) into a safe,
 * portable name, and {@link dev.tgdl.naming.OutputPaths} joins the path to the output folder and
 * proves it stays inside. Pure functions: the same input gives the same path on every machine.
 *
 * <p>May import: no other tgdl package.
 */
package dev.tgdl.naming;
