/** The Java (NAS) kernel on jjava-jupyter: JShell in the kernel's JVM, magics, completion, history; it knows nothing about NAS. */
package jnas.kernel;
