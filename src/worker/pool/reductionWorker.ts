// A pool worker in the browser, started by the core worker.
import { expose } from 'comlink';
import { reductionEndpoint } from './reductionTasks';

expose(reductionEndpoint());
