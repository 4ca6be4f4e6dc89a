/**
 * Runtime event streams: a Kafka Streams application that embeds the engine and decides
 * open/IOCTL/close events from many machines (DESIGN.md, "Runtime event streams").
 */
package io.drvguard.streams;
