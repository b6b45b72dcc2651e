import { startWidget } from './start-widget';

startWidget();
