// Line vertex shader: world positions with per-vertex colour.
#version 450
layout(location = 0) in vec3 in_pos;
layout(location = 1) in vec4 in_color;
layout(push_constant) uniform Push { mat4 view_proj; } pc;
layout(location = 0) out vec4 out_color;
void main() {
    out_color = in_color;
    gl_Position = pc.view_proj * vec4(in_pos, 1.0);
}
