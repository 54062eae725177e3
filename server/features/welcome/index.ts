/** Public face of the welcome feature: 欢迎语 authored under review, sent for an add callback's WelcomeCode. */
export { welcomeRoutes } from './welcome.routes.js'
export { answerWelcomeCode, WELCOME_CODE_VALID_MS } from './welcome-send.service.js'
