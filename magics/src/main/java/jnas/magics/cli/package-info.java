/** Magic argument parsing: sub-commands, options, flags, key=value settings, and one-line usage errors. */
package jnas.magics.cli;
