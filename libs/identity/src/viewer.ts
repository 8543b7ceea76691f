export type { Actor, Viewer } from '@brobygge/core';
