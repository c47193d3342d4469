package dev.turnpike.l402; final class Probe {}
